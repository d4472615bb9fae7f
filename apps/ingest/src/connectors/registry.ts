import { ConnectorConfigError } from './connector.js'
import { autotask } from './autotask/autotask-connector.js'
import { connectWise } from './connectwise/connectwise-connector.js'
import { dattoRmm } from './datto-rmm/datto-connector.js'
import { haloPsa } from './halopsa/halopsa-connector.js'
import { ninjaOne } from './ninjaone/ninjaone-connector.js'
import type { Connector, ConnectorDeps, VendorConnector } from './connector.js'
import type { ScoreIntegration, Vendor } from '../score/score-types.js'

/**
 * Every vendor this build can sync, whose settings are checked when a score loads; the demo
 * vendor has none (the demo player plays it).
 */
const CONNECTORS: readonly VendorConnector[] = [connectWise, autotask, haloPsa, ninjaOne, dattoRmm]

const byVendor = new Map<Vendor, VendorConnector>(CONNECTORS.map((c) => [c.vendor, c]))

/** The module of a vendor, for its settings schema; undefined for demo and unbuilt vendors. */
export function vendorConnector(vendor: Vendor): VendorConnector | undefined {
  return byVendor.get(vendor)
}

/** A score integration whose vendor this build cannot sync (or the demo). */
export class NoConnectorError extends ConnectorConfigError {
  constructor(integration: ScoreIntegration) {
    super(integration.id, 'vendor', 'no connector')
    this.message =
      integration.vendor === 'demo'
        ? `integration '${integration.id}': the demo vendor has no connector; the demo player plays it`
        : `integration '${integration.id}': vendor ${integration.vendor} has no connector in this build`
  }
}

/**
 * Builds the connector of a score integration. Throws `ConnectorConfigError` naming the field when
 * a setting or credential is wrong or missing, before any call to the vendor.
 */
export function connectorFor(integration: ScoreIntegration, deps: ConnectorDeps): Connector {
  const vendor = vendorConnector(integration.vendor)
  if (!vendor) throw new NoConnectorError(integration)
  return vendor.create(integration, deps)
}

/** How the runtime builds connectors; tests pass their own. */
export type ConnectorBuilder = typeof connectorFor
