/**
 * What the pack reads on each resource type, from the lists derived from the AWS provider
 * (aws-provider-schema.generated.ts) plus the reviewed judgements the provider cannot express:
 * which policy-named properties are not IAM-grammar documents, which documents are identity or
 * trust policies, and what each deletion-protection flag means. A property the provider gains
 * is read by default (a new `policy` is a carrier, a new `deletionProtection` blocks when
 * true); a test fails until it is judged here.
 */
import { AWS_PROVIDER_SCHEMA } from "./aws-provider-schema.generated";
import type { DerivedProperty } from "./provider-schema-types";

export type CarrierKind = "identity" | "resource" | "trust";

/** Property names that are never IAM documents, whatever the resource: enum values, names or other grammars. */
export const NOT_IAM_DOCUMENT_NAMES: Record<string, string> = {
  alpnPolicy: "an ALPN policy name",
  sslPolicy: "a TLS policy name",
  securityPolicy: "a TLS policy name",
  tlsSecurityPolicy: "a TLS policy name",
  tlsPolicy: "a TLS requirement (Require/Optional)",
  httpsPolicy: "a TLS requirement",
  viewerProtocolPolicy: "a protocol choice",
  originProtocolPolicy: "a protocol choice",
  protocolPolicy: "a protocol choice",
  dnsPolicy: "a Kubernetes DNS policy",
  routingPolicy: "a DNS routing choice",
  dnsRecordClientRoutingPolicy: "a DNS routing choice",
  excessCapacityTerminationPolicy: "a fleet setting",
  dataDeletionPolicy: "RETAIN or DELETE",
  deletePropagationPolicy: "RETAIN",
  defaultPolicy: "VOLUME or INSTANCE",
  snapshotPolicy: "an ONTAP snapshot policy name",
  autoImportPolicy: "an FSx import setting",
  newGameSessionProtectionPolicy: "a GameLift setting",
  gameServerProtectionPolicy: "a GameLift setting",
  userContextPolicy: "a Kendra setting",
  webAppEndpointPolicy: "STANDARD or FIPS",
  notificationPolicy: "a Storage Gateway notification setting",
  redrivePolicy: "an SQS/SNS redrive JSON (target ARN and count)",
  redriveAllowPolicy: "an SQS redrive-permission JSON",
  deliveryPolicy: "an SNS retry JSON",
  filterPolicy: "an SNS message filter",
  replayPolicy: "an SNS replay JSON",
  archivePolicy: "an SNS archive JSON",
  lifecyclePolicy: "an ECR lifecycle JSON",
  autoscalingPolicy: "an EMR scaling JSON",
  contentSecurityPolicy: "an HTTP header value",
  referrerPolicy: "an HTTP header value",
  paddingPolicy: "an Elastic Transcoder setting",
  sizingPolicy: "an Elastic Transcoder setting",
  streamExceptionPolicy: "a Network Firewall setting",
  permissionPolicy: "a QuickSight row-level setting",
  browserPolicy: "a WorkSpaces Web browser JSON",
  basePolicyDocument: "a Cloud WAN core network policy",
  policyText: "an AWS Config Guard rule",
};

/** Policy-named properties of one resource type that are not IAM-grammar documents. */
export const NOT_IAM_DOCUMENTS: Record<string, string> = {
  "aws:cloudwatch/logAccountPolicy:LogAccountPolicy policyDocument": "a data-protection or subscription-filter account policy",
  "aws:cloudwatch/logDataProtectionPolicy:LogDataProtectionPolicy policyDocument": "a data-protection policy (data identifiers, not actions)",
  "aws:cloudwatch/logIndexPolicy:LogIndexPolicy policyDocument": "a field-index policy",
  "aws:iot/policyAttachment:PolicyAttachment policy": "the name of an IoT policy",
  "aws:ses/receiptFilter:ReceiptFilter policy": "Block or Allow",
  "aws:opensearch/serverlessAccessPolicy:ServerlessAccessPolicy policy": "an OpenSearch Serverless data-access rule list",
  "aws:opensearch/serverlessLifecyclePolicy:ServerlessLifecyclePolicy policy": "an OpenSearch Serverless retention rule list",
  "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy policy": "an OpenSearch Serverless encryption/network rule list",
  "aws:sns/dataProtectionPolicy:DataProtectionPolicy policy": "a data-protection policy (data identifiers, not actions)",
  "aws:networkmanager/coreNetworkPolicyAttachment:CoreNetworkPolicyAttachment policyDocument": "a Cloud WAN core network policy",
  "aws:verifiedaccess/endpoint:Endpoint policyDocument": "a Cedar policy",
  "aws:verifiedaccess/group:Group policyDocument": "a Cedar policy",
};

/** Documents that grant permissions to the principal holding them (or bound its session). */
export const IDENTITY_DOCUMENTS = new Set([
  "aws:iam/policy:Policy policy",
  "aws:iam/rolePolicy:RolePolicy policy",
  "aws:iam/userPolicy:UserPolicy policy",
  "aws:iam/groupPolicy:GroupPolicy policy",
  "aws:iam/role:Role inlinePolicies[].policy",
  "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy inlinePolicy",
  "aws:eks/podIdentityAssociation:PodIdentityAssociation policy",
  "aws:rolesanywhere/profile:Profile sessionPolicy",
  "aws:transfer/access:Access policy",
  "aws:transfer/user:User policy",
]);

export const TRUST_DOCUMENTS = new Set(["aws:iam/role:Role assumeRolePolicy"]);

const key = (p: DerivedProperty): string => `${p.type} ${p.path}`;
const lastSegment = (path: string): string => path.split(/[.[\]]+/).filter(Boolean).pop() ?? path;

export interface CarrierProperty extends DerivedProperty {
  kind: CarrierKind;
}

export function isIamDocumentProperty(p: DerivedProperty): boolean {
  return !(lastSegment(p.path) in NOT_IAM_DOCUMENT_NAMES) && !(key(p) in NOT_IAM_DOCUMENTS);
}

function kindOf(p: DerivedProperty): CarrierKind {
  if (IDENTITY_DOCUMENTS.has(key(p))) return "identity";
  if (TRUST_DOCUMENTS.has(key(p))) return "trust";
  return "resource";
}

/** Every IAM-grammar document property of every resource type, by type. */
export const CARRIER_PROPERTIES: ReadonlyMap<string, CarrierProperty[]> = (() => {
  const byType = new Map<string, CarrierProperty[]>();
  for (const p of AWS_PROVIDER_SCHEMA.policyDocumentProperties.filter(isIamDocumentProperty)) {
    byType.set(p.type, [...(byType.get(p.type) ?? []), { ...p, kind: kindOf(p) }]);
  }
  return byType;
})();

export type ProtectionMeaning = "blocks-when-set" | "keeps-data-unless-true" | "not-about-deletion";

/** What each protection-like property name means for `pulumi destroy`. */
export const PROTECTION_MEANINGS: Record<string, { meaning: ProtectionMeaning; why: string }> = {
  deletionProtection: { meaning: "blocks-when-set", why: "AWS refuses DeleteX while it is on" },
  deletionProtectionEnabled: { meaning: "blocks-when-set", why: "AWS refuses DeleteX while it is on" },
  enableDeletionProtection: { meaning: "blocks-when-set", why: "AWS refuses DeleteX while it is on" },
  deleteProtection: { meaning: "blocks-when-set", why: "AWS refuses DeleteFirewall while it is on" },
  terminationProtection: { meaning: "blocks-when-set", why: "EMR refuses to terminate the cluster" },
  terminationProtectionEnabled: { meaning: "blocks-when-set", why: "CloudFormation refuses DeleteStack" },
  disableApiTermination: { meaning: "blocks-when-set", why: "EC2 refuses TerminateInstances" },
  skipDestroy: { meaning: "blocks-when-set", why: "the provider leaves the resource in AWS on destroy" },
  retainOnDelete: { meaning: "blocks-when-set", why: "the provider leaves the resource in AWS on destroy" },
  retainStack: { meaning: "blocks-when-set", why: "the stack set instance's stack stays in AWS" },
  retainStacks: { meaning: "blocks-when-set", why: "the stack set's stacks stay in AWS" },
  retainPhysicalResources: { meaning: "blocks-when-set", why: "the stack's resources stay in AWS" },
  forceDestroy: { meaning: "keeps-data-unless-true", why: "destroy fails while the bucket, user, zone or vault still holds data (exceptions below)" },
  forceDelete: { meaning: "keeps-data-unless-true", why: "destroy fails while the repository or bucket still holds data (exceptions below)" },
  forceDeleteWarmPool: { meaning: "not-about-deletion", why: "only skips waiting for warm-pool instances" },
  enableSkewProtection: { meaning: "not-about-deletion", why: "Amplify deployment skew, not deletion" },
  availabilityZoneChangeProtection: { meaning: "not-about-deletion", why: "guards AZ changes only" },
  firewallPolicyChangeProtection: { meaning: "not-about-deletion", why: "guards policy changes only" },
  subnetChangeProtection: { meaning: "not-about-deletion", why: "guards subnet changes only" },
  dnsThreatProtection: { meaning: "not-about-deletion", why: "a DNS Firewall rule type" },
  mutationProtection: { meaning: "not-about-deletion", why: "guards association changes; removal by the provider still works when disabled" },
};

/**
 * forceDestroy/forceDelete inputs that do not keep data: they skip a wait, override a protection
 * judged on its own, delete AWS-managed or default resources, or lift a legal hold.
 */
export const FORCE_FLAGS_NOT_ABOUT_DATA: Record<string, string> = {
  "aws:autoscaling/group:Group forceDelete": "skips waiting for instances to terminate",
  "aws:ecs/service:Service forceDelete": "skips scaling the service down first",
  "aws:ecs/taskSet:TaskSet forceDelete": "skips scaling the task set down first",
  "aws:elasticbeanstalk/applicationVersion:ApplicationVersion forceDelete": "deletes a version still in use",
  "aws:redshift/endpointAuthorization:EndpointAuthorization forceDelete": "also revokes managed endpoints",
  "aws:cloudwatch/eventRule:EventRule forceDestroy": "deletes rules managed by AWS services",
  "aws:cloudwatch/eventTarget:EventTarget forceDestroy": "deletes targets of rules managed by AWS services",
  "aws:dsql/cluster:Cluster forceDestroy": "overrides deletionProtectionEnabled, which is judged itself",
  "aws:ec2/instance:Instance forceDestroy": "overrides disableApiTermination, which is judged itself",
  "aws:ec2/spotInstanceRequest:SpotInstanceRequest forceDestroy": "overrides disableApiTermination, which is judged itself",
  "aws:ec2/defaultSubnet:DefaultSubnet forceDestroy": "deletes the account's default subnet instead of forgetting it",
  "aws:ec2/defaultVpc:DefaultVpc forceDestroy": "deletes the account's default VPC instead of forgetting it",
  "aws:rds/clusterInstance:ClusterInstance forceDestroy": "promotes a read replica cluster",
  "aws:rds/globalCluster:GlobalCluster forceDestroy": "removes member clusters from the global cluster",
  "aws:redshift/snapshotSchedule:SnapshotSchedule forceDestroy": "destroys the clusters using the schedule",
  "aws:s3/bucketObject:BucketObject forceDestroy": "lifts an object legal hold",
  "aws:s3/bucketObjectv2:BucketObjectv2 forceDestroy": "lifts an object legal hold",
  "aws:s3/objectCopy:ObjectCopy forceDestroy": "lifts an object legal hold",
};

export interface ProtectionProperty {
  path: string;
  valueType: "boolean" | "string";
  meaning: ProtectionMeaning;
  onByDefault: boolean;
}

/** Protection properties that matter for destroy, by type. Unjudged names count as blocking. */
export const PROTECTION_PROPERTIES: ReadonlyMap<string, ProtectionProperty[]> = (() => {
  const byType = new Map<string, ProtectionProperty[]>();
  for (const p of AWS_PROVIDER_SCHEMA.protectionProperties) {
    const meaning = `${p.type} ${p.path}` in FORCE_FLAGS_NOT_ABOUT_DATA ? "not-about-deletion" : (PROTECTION_MEANINGS[p.path]?.meaning ?? "blocks-when-set");
    if (meaning === "not-about-deletion") continue;
    byType.set(p.type, [...(byType.get(p.type) ?? []), { path: p.path, valueType: p.valueType, meaning, onByDefault: p.onByDefault }]);
  }
  return byType;
})();

/** Physical-name property labels that are not resource names (a policy statement id, a model version). */
export const NOT_PHYSICAL_NAME_PROPERTIES = new Set(["statementId", "versionName"]);

/** The physical-name property of a type: its auto-named property when it is not `name`. */
export const NAME_PROPERTIES: ReadonlyMap<string, string> = new Map(
  AWS_PROVIDER_SCHEMA.autoNamedProperties.filter((p) => !NOT_PHYSICAL_NAME_PROPERTIES.has(p.path)).map((p) => [p.type, p.path]),
);
