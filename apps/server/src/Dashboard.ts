/**
 * The dashboard the server mounts at `/`: `@baken/web`'s server-rendered pages, reading through `WebSource`, so every
 * figure a page shows came out of the API as the public or the token's audience may see it.
 */
import { createWebApp } from "@baken/web"
import type { Hono } from "hono"
import type * as Deliveries from "./Deliveries.js"
import type { Runtime } from "./Runtime.js"
import * as WebSource from "./WebSource.js"

/**
 * The dashboard app over the API of `runtime`; `limits` are the server's body and upload limits (form posts get the
 * body limit, the upload form the upload limit); `deliveries` is where the form's files are spooled (the server's
 * `spoolDir` and `deliveryLimit`); `today` fixes the date for tests.
 */
export const app = (
  runtime: Runtime,
  options: {
    readonly today?: () => string
    readonly limits?: { readonly form: number; readonly upload: number }
    readonly deliveries?: Deliveries.IntakeConfig
  } = {},
): Hono =>
  createWebApp({
    source: WebSource.make({
      runtime,
      ...(options.today === undefined ? {} : { today: options.today }),
      ...(options.deliveries === undefined ? {} : { deliveries: options.deliveries }),
    }),
    ...(options.today === undefined ? {} : { today: options.today }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  })
