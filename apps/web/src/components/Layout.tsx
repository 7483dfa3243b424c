/**
 * The page shell every dashboard page shares: Dutch language, a skip link, the header with the site navigation, the
 * main landmark and the footer, on the NL Design System's Utrecht theme. Scripts are deferred and optional: every
 * page works without them.
 */
import type { Child } from "hono/jsx"
import type { Assets } from "../Assets.js"
import { PostForm } from "./PostForm.js"

/** What the shell needs: the page title, the current path for `aria-current`, and the page itself. */
export interface LayoutProps {
  readonly title: string
  readonly path: string
  readonly assets: Assets
  readonly children: Child
  /** Whether the page has charts or forms the script enhances. */
  readonly script?: boolean
  /** Who is logged in, to offer logging out. */
  readonly signedIn?: string | null
  /** Reload the page after this many seconds (a delivery that is still being read). */
  readonly refresh?: number | null
  /** Whether the visitor is the admin, who gets a link to the admin's pages. */
  readonly admin?: boolean
  /**
   * The region served, as the API names it: `name` in the header (`Regio Gooi en Vechtstreek`), `shortName` in the
   * title (`Gooi en Vechtstreek`). Absent while the API cannot be asked: the shell names no region.
   */
  readonly region?: {
    readonly name: string
    readonly shortName: string
    /** How the region protects published counts for the public (its definition; CBS practice by default). */
    readonly disclosure?: { readonly threshold: number; readonly roundTo: number }
  } | null
}

/** What the footer says about published counts, for the region's own rules. */
const disclosureNl = (rules: { readonly threshold: number; readonly roundTo: number }): string => {
  const cbs = rules.threshold === 10 && rules.roundTo === 5
  const hidden = rules.threshold > 0 ? `aantallen onder de ${rules.threshold} worden niet getoond` : ""
  const rounded = rules.roundTo > 1 ? `afgerond op ${rules.roundTo}` : ""
  const rest = [hidden, rounded === "" ? "" : hidden === "" ? `aantallen zijn ${rounded}` : `de rest is ${rounded}`]
    .filter((x) => x !== "")
    .join(", ")
  return `Gepubliceerde aantallen volgen ${cbs ? "de werkwijze van het CBS" : "de regels van de regio"}${rest === "" ? "." : `: ${rest}.`}`
}

const nav: ReadonlyArray<readonly [string, string]> = [
  ["/", "Overzicht"],
  ["/gemeenten", "Gemeenten"],
  ["/niemand-uit-beeld", "Niemand uit beeld"],
  ["/gemeente", "Voor gemeenten"],
  ["/partner", "Voor partners"],
  ["/regio", "Voor de regio"],
]

const isCurrent = (href: string, path: string): boolean =>
  href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`)

/** The page shell. */
export const Layout = ({
  title,
  path,
  assets,
  children,
  script = false,
  signedIn = null,
  refresh = null,
  admin = false,
  region = null,
}: LayoutProps) => (
  <html lang="nl">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      {refresh === null ? null : <meta http-equiv="refresh" content={String(refresh)} />}
      <title>{`${title} · Baken · Bescherming en Opvang${region === null ? "" : ` ${region.shortName}`}`}</title>
      <link rel="stylesheet" href={assets.css.url} />
      {script ? <script src={assets.js.url} defer /> : null}
    </head>
    <body class="utrecht-theme utrecht-document utrecht-document--surface">
      <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">
        Naar de inhoud
      </a>
      <div class="utrecht-page baken-page">
        <header class="utrecht-page-header baken-header">
          <div class="utrecht-page-header__content">
            <p class="baken-brand">
              <a class="utrecht-link utrecht-link--html-a" href="/">
                Baken
              </a>{" "}
              <span>Bescherming en Opvang{region === null ? "" : ` · ${region.name}`}</span>
            </p>
            <nav aria-label="Hoofdmenu">
              <ul class="baken-nav">
                {(admin ? [...nav, ["/beheer", "Beheer"] as const] : nav).map(([href, label]) => (
                  <li>
                    <a
                      class="utrecht-link utrecht-link--html-a"
                      href={href}
                      aria-current={isCurrent(href, path) ? "page" : undefined}
                    >
                      {label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            {signedIn === null ? null : (
              <PostForm action="/uitloggen" class="baken-signout">
                <span>Ingelogd als {signedIn}</span>{" "}
                <button class="utrecht-button utrecht-button--subtle" type="submit">
                  Uitloggen
                </button>
              </PostForm>
            )}
          </div>
        </header>
        <main id="inhoud" class="utrecht-page-content baken-main" tabindex={-1}>
          {children}
        </main>
        <footer class="utrecht-page-footer baken-footer">
          <div class="utrecht-page-footer__content">
            <p class="utrecht-paragraph">
              Baken is open-source software (EUPL-1.2) voor het beleidsplan Bescherming en Opvang.{" "}
              {disclosureNl(region?.disclosure ?? { threshold: 10, roundTo: 5 })}
            </p>
          </div>
        </footer>
      </div>
    </body>
  </html>
)
