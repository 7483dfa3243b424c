import { iwmoAdapter } from "@baken/adapter-iwmo"
import { Pseudonymiser, Source, Summary } from "@baken/adapter-kit"
import { Effect, Redacted } from "effect"

// A WMO305 start message (or a folder or .zip of iWmo 3.2 messages); the secret comes from the operator.
const secret = Redacted.make(process.env.BAKEN_PSEUDONYM_SECRET ?? "a test secret of at least 32 characters")
const summary = await Effect.runPromise(
  Summary.run(iwmoAdapter, Source.file("WMO305.xml"), {
    onItem: (item) => Effect.sync(() => console.log(item._tag === "Accepted" ? item.record : item.rejection)),
  }).pipe(Effect.provide(Pseudonymiser.Pseudonymiser.layer(secret))),
)
console.log(summary.accepted) // { observation: 1, 'support-started': 1 }
