/**
 * @baken/client — a typed client for the Baken API, for the dashboard, other projects and partners pushing
 * deliveries produced on their own premises.
 */

export type { AppRouter } from "@baken/api"
export * as Client from "./Client.js"
export { type BakenClient, create, errorCode } from "./Client.js"
