/**
 * The whole store as one layer: the configured database, its schema made ready, and every repository over it.
 * This is what the API and the CLI provide; tests give it a `Database.Config` of their own.
 */
import type { PgClient } from "@effect/sql-pg"
import { Layer } from "effect"
import type { SqlClient } from "effect/sql/SqlClient"
import { ApiTokenRepository } from "./ApiTokenRepository.js"
import { CouncilDecisionRepository } from "./CouncilDecisionRepository.js"
import * as Database from "./Database.js"
import { DeliveryJobRepository } from "./DeliveryJobRepository.js"
import { DeliveryRepository } from "./DeliveryRepository.js"
import { FlowRepository } from "./FlowRepository.js"
import { ObservationRepository } from "./ObservationRepository.js"
import { OprfEvaluations } from "./OprfEvaluations.js"
import { PersonEventRepository } from "./PersonEventRepository.js"
import { PlanRepository } from "./PlanRepository.js"
import { ProcessingLog } from "./ProcessingLog.js"
import { ServerKeys } from "./ServerKeys.js"
import { SessionRepository } from "./SessionRepository.js"
import { SignInRepository } from "./SignInRepository.js"
import { SignInThrottle } from "./SignInThrottle.js"
import type { StoreError } from "./StoreError.js"

/** Every service the store provides. */
export type Services =
  | SqlClient
  | PgClient.PgClient
  | DeliveryRepository
  | DeliveryJobRepository
  | ObservationRepository
  | FlowRepository
  | PersonEventRepository
  | ApiTokenRepository
  | ProcessingLog
  | SessionRepository
  | SignInThrottle
  | PlanRepository
  | CouncilDecisionRepository
  | SignInRepository
  | ServerKeys
  | OprfEvaluations

/** The repositories over whatever `SqlClient` is provided. */
export const repositories = Layer.mergeAll(
  DeliveryRepository.layer,
  DeliveryJobRepository.layer,
  ObservationRepository.layer,
  FlowRepository.layer,
  PersonEventRepository.layer,
  ApiTokenRepository.layer,
  ProcessingLog.layer,
  SessionRepository.layer,
  SignInThrottle.layer,
  PlanRepository.layer,
  CouncilDecisionRepository.layer,
  SignInRepository.layer,
  ServerKeys.layer,
  OprfEvaluations.layer,
)

/** The store on the configured database; see `Database.layer` for what happens to the schema on opening. */
export const layer = (
  config: Database.Config,
  options: { readonly onOpen?: Database.OnOpen } = {},
): Layer.Layer<Services, StoreError> => Layer.provideMerge(repositories, Database.layer(config, options))

/** The store configured from `DATABASE_URL` / `BAKEN_DATA_DIR`. */
export const layerFromEnv = (options: { readonly onOpen?: Database.OnOpen } = {}): Layer.Layer<Services, StoreError> =>
  layer(Database.fromEnv(), options)
