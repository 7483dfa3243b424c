/**
 * @baken/store — Baken's persistence on effect's SQL client: versioned migrations and repositories for plans,
 * partners, deliveries, observations and pseudonymised events, on embedded PGlite or a PostgreSQL server.
 */

export * as ApiTokenRepository from "./ApiTokenRepository.js"
export * as Backup from "./Backup.js"
export * as CouncilDecisionRepository from "./CouncilDecisionRepository.js"
export * as Database from "./Database.js"
export * as DataFolderLock from "./DataFolderLock.js"
export * as DataVersion from "./DataVersion.js"
export * as DeliveryJobRepository from "./DeliveryJobRepository.js"
export * as DeliveryRepository from "./DeliveryRepository.js"
export * as EmbeddedPostgres from "./EmbeddedPostgres.js"
export * as FlowRepository from "./FlowRepository.js"
export * as Migrations from "./Migrations.js"
export * as ObservationRepository from "./ObservationRepository.js"
export * as OprfEvaluations from "./OprfEvaluations.js"
export * as PersonEventRepository from "./PersonEventRepository.js"
export * as PlanRepository from "./PlanRepository.js"
export * as ProcessingLog from "./ProcessingLog.js"
export * as ServerKeys from "./ServerKeys.js"
export * as SessionRepository from "./SessionRepository.js"
export * as SignInRepository from "./SignInRepository.js"
export * as SignInThrottle from "./SignInThrottle.js"
export * as Store from "./Store.js"
export * as StoreError from "./StoreError.js"
export * as Transaction from "./Transaction.js"
