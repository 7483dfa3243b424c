import { Pseudonymiser, Source, Summary, Template } from "@baken/adapter-kit"
import { Effect, Redacted } from "effect"

const csv = `bsn,event,date,municipality
999900006,support-started,2024-03-01,GM0402
999900007,support-started,2024-03-02,GM0402
`
const secret = Redacted.make("an operator secret of at least 32 characters")
const summary = await Effect.runPromise(
  Summary.run(Template.adapter, Source.bytes("events.csv", csv)).pipe(
    Effect.provide(Pseudonymiser.Pseudonymiser.layer(secret)),
  ),
)
console.log(summary.accepted, summary.rejected) // { 'support-started': 1 } { 'bsn-eleven-test': 1 }
