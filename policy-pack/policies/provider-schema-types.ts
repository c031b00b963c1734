/** Shapes of the lists derived from the AWS provider (policy-pack/gate/provider-schema/derive.ts). */

export interface DerivedProperty {
  /** Resource type token, e.g. `aws:sqs/queuePolicy:QueuePolicy`. */
  type: string;
  /** Input path; `[]` marks a list element, e.g. `inlinePolicies[].policy`. */
  path: string;
}

export interface DerivedProtectionProperty extends DerivedProperty {
  valueType: "boolean" | "string";
  /** The provider documents the protection as on when the property is unset (e.g. QLDB ledgers). */
  onByDefault: boolean;
}

export interface DerivedProviderSchema {
  /** `@pulumi/aws` version the lists were derived from. */
  providerVersion: string;
  policyDocumentProperties: DerivedProperty[];
  protectionProperties: DerivedProtectionProperty[];
  /** Physical-name properties other than `name` that Pulumi auto-names (`bucket`, `identifier`, …). */
  autoNamedProperties: DerivedProperty[];
}
