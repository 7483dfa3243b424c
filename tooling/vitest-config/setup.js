// Lets `expect(a).toEqual(b)` compare effect data types (Option, Data, Schema classes) structurally.
import { addEqualityTesters } from "@effect/vitest"

addEqualityTesters()
