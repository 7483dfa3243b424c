/**
 * The worker thread `Oprf` hands slices of a batch to (through piscina) when the process has more than one core:
 * it loads libsodium once and runs `OprfWork` tasks.
 */
import * as OprfWork from "./OprfWork.js"
import * as Rfc9497 from "./Rfc9497.js"

export default async function work(task: OprfWork.Task) {
  await Rfc9497.ready
  return OprfWork.run(task)
}
