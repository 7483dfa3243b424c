/**
 * The council letter, laid out to print (the print style hides the site's header, navigation and footer), in the
 * shape of the region's letter of 23 December 2021.
 */
import type { CouncilLetterView } from "../DashboardSource.js"
import * as Format from "../Format.js"

/** The letter's content. */
export const CouncilLetterPage = ({ letter }: { readonly letter: CouncilLetterView }) => (
  <article class="baken-letter" aria-labelledby="brief-onderwerp">
    <p class="utrecht-paragraph baken-noprint">
      <a class="utrecht-link utrecht-link--html-a" href="/regio">
        Terug naar de regiopagina
      </a>{" "}
      · Druk deze pagina af met de afdrukfunctie van de browser (Ctrl+P).
    </p>
    <dl class="baken-facts baken-letter-head">
      <dt>Datum</dt>
      <dd>{Format.date(letter.date)}</dd>
      <dt>Kenmerk</dt>
      <dd>{letter.kenmerk}</dd>
      <dt>Aan</dt>
      <dd>Gemeenteraden {letter.addressees.join(", ").replace(/, ([^,]*)$/, " en $1")}</dd>
      <dt>Onderwerp</dt>
      <dd id="brief-onderwerp">{letter.subject}</dd>
    </dl>
    <h1 class="utrecht-heading-1 baken-sr">{letter.subject}</h1>
    <p class="utrecht-paragraph">Geachte raadsleden,</p>
    {letter.paragraphs.map((p) => (
      <p class="utrecht-paragraph">{p}</p>
    ))}
    <p class="utrecht-paragraph">{letter.closing}</p>
    <p class="utrecht-paragraph">{letter.signatory}</p>
  </article>
)
