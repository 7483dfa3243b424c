/**
 * @baken/adapter-vroegsignalering — the vroegsignalering schulden delivery format (person-level events after the VNG
 * DDAS concepts, CSV version 1) and its adapter, which pseudonymises every BSN at the edge.
 */

export * as VroegsignaleringAdapter from "./VroegsignaleringAdapter.js"
export * as VroegsignaleringFormat from "./VroegsignaleringFormat.js"
