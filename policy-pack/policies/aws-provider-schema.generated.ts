/**
 * Derived from @pulumi/aws 7.48.0 by policy-pack/gate/provider-schema/cli.ts; do not edit.
 * Policy-document, deletion-protection and auto-named physical-name input properties of every
 * resource type (see policy-pack/gate/provider-schema/derive.ts for how they are found).
 */
import type { DerivedProviderSchema } from "./provider-schema-types";

export const AWS_PROVIDER_SCHEMA: DerivedProviderSchema = {
  "providerVersion": "7.48.0",
  "policyDocumentProperties": [
    {
      "type": "aws:acmpca/policy:Policy",
      "path": "policy"
    },
    {
      "type": "aws:alb/listener:Listener",
      "path": "alpnPolicy"
    },
    {
      "type": "aws:alb/listener:Listener",
      "path": "sslPolicy"
    },
    {
      "type": "aws:alb/loadBalancer:LoadBalancer",
      "path": "dnsRecordClientRoutingPolicy"
    },
    {
      "type": "aws:amp/resourcePolicy:ResourcePolicy",
      "path": "policyDocument"
    },
    {
      "type": "aws:apigateway/domainName:DomainName",
      "path": "policy"
    },
    {
      "type": "aws:apigateway/domainName:DomainName",
      "path": "securityPolicy"
    },
    {
      "type": "aws:apigateway/restApi:RestApi",
      "path": "policy"
    },
    {
      "type": "aws:apigateway/restApi:RestApi",
      "path": "securityPolicy"
    },
    {
      "type": "aws:apigateway/restApiPolicy:RestApiPolicy",
      "path": "policy"
    },
    {
      "type": "aws:apigatewayv2/domainName:DomainName",
      "path": "domainNameConfiguration.securityPolicy"
    },
    {
      "type": "aws:backup/vaultPolicy:VaultPolicy",
      "path": "policy"
    },
    {
      "type": "aws:batch/jobDefinition:JobDefinition",
      "path": "eksProperties.podProperties.dnsPolicy"
    },
    {
      "type": "aws:bedrock/agentcoreResourcePolicy:AgentcoreResourcePolicy",
      "path": "policy"
    },
    {
      "type": "aws:bedrock/agentDataSource:AgentDataSource",
      "path": "dataDeletionPolicy"
    },
    {
      "type": "aws:cfg/organizationCustomPolicyRule:OrganizationCustomPolicyRule",
      "path": "policyText"
    },
    {
      "type": "aws:cfg/rule:Rule",
      "path": "source.customPolicyDetails.policyText"
    },
    {
      "type": "aws:cloudfront/distribution:Distribution",
      "path": "defaultCacheBehavior.viewerProtocolPolicy"
    },
    {
      "type": "aws:cloudfront/distribution:Distribution",
      "path": "orderedCacheBehaviors[].viewerProtocolPolicy"
    },
    {
      "type": "aws:cloudfront/distribution:Distribution",
      "path": "origins[].customOriginConfig.originProtocolPolicy"
    },
    {
      "type": "aws:cloudfront/multitenantDistribution:MultitenantDistribution",
      "path": "cacheBehaviors[].viewerProtocolPolicy"
    },
    {
      "type": "aws:cloudfront/multitenantDistribution:MultitenantDistribution",
      "path": "defaultCacheBehavior.viewerProtocolPolicy"
    },
    {
      "type": "aws:cloudfront/multitenantDistribution:MultitenantDistribution",
      "path": "origins[].customOriginConfigs[].originProtocolPolicy"
    },
    {
      "type": "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy",
      "path": "securityHeadersConfig.contentSecurityPolicy.contentSecurityPolicy"
    },
    {
      "type": "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy",
      "path": "securityHeadersConfig.referrerPolicy.referrerPolicy"
    },
    {
      "type": "aws:cloudfront/vpcOrigin:VpcOrigin",
      "path": "vpcOriginEndpointConfig.originProtocolPolicy"
    },
    {
      "type": "aws:cloudsearch/domain:Domain",
      "path": "endpointOptions.tlsSecurityPolicy"
    },
    {
      "type": "aws:cloudsearch/domainServiceAccessPolicy:DomainServiceAccessPolicy",
      "path": "accessPolicy"
    },
    {
      "type": "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
      "path": "policy"
    },
    {
      "type": "aws:cloudwatch/logAccountPolicy:LogAccountPolicy",
      "path": "policyDocument"
    },
    {
      "type": "aws:cloudwatch/logDataProtectionPolicy:LogDataProtectionPolicy",
      "path": "policyDocument"
    },
    {
      "type": "aws:cloudwatch/logDeliveryDestinationPolicy:LogDeliveryDestinationPolicy",
      "path": "deliveryDestinationPolicy"
    },
    {
      "type": "aws:cloudwatch/logDestinationPolicy:LogDestinationPolicy",
      "path": "accessPolicy"
    },
    {
      "type": "aws:cloudwatch/logIndexPolicy:LogIndexPolicy",
      "path": "policyDocument"
    },
    {
      "type": "aws:cloudwatch/logResourcePolicy:LogResourcePolicy",
      "path": "policyDocument"
    },
    {
      "type": "aws:codeartifact/domainPermissions:DomainPermissions",
      "path": "policyDocument"
    },
    {
      "type": "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy",
      "path": "policyDocument"
    },
    {
      "type": "aws:codebuild/resourcePolicy:ResourcePolicy",
      "path": "policy"
    },
    {
      "type": "aws:dlm/lifecyclePolicy:LifecyclePolicy",
      "path": "defaultPolicy"
    },
    {
      "type": "aws:dsql/clusterPolicy:ClusterPolicy",
      "path": "policy"
    },
    {
      "type": "aws:dynamodb/resourcePolicy:ResourcePolicy",
      "path": "policy"
    },
    {
      "type": "aws:ec2/fleet:Fleet",
      "path": "excessCapacityTerminationPolicy"
    },
    {
      "type": "aws:ec2/spotFleetRequest:SpotFleetRequest",
      "path": "excessCapacityTerminationPolicy"
    },
    {
      "type": "aws:ec2/vpcEndpoint:VpcEndpoint",
      "path": "policy"
    },
    {
      "type": "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy",
      "path": "policy"
    },
    {
      "type": "aws:ecr/registryPolicy:RegistryPolicy",
      "path": "policy"
    },
    {
      "type": "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate",
      "path": "lifecyclePolicy"
    },
    {
      "type": "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate",
      "path": "repositoryPolicy"
    },
    {
      "type": "aws:ecr/repositoryPolicy:RepositoryPolicy",
      "path": "policy"
    },
    {
      "type": "aws:ecrpublic/repositoryPolicy:RepositoryPolicy",
      "path": "policy"
    },
    {
      "type": "aws:efs/fileSystemPolicy:FileSystemPolicy",
      "path": "policy"
    },
    {
      "type": "aws:eks/capability:Capability",
      "path": "deletePropagationPolicy"
    },
    {
      "type": "aws:eks/podIdentityAssociation:PodIdentityAssociation",
      "path": "policy"
    },
    {
      "type": "aws:elasticsearch/domain:Domain",
      "path": "accessPolicies"
    },
    {
      "type": "aws:elasticsearch/domain:Domain",
      "path": "domainEndpointOptions.tlsSecurityPolicy"
    },
    {
      "type": "aws:elasticsearch/domainPolicy:DomainPolicy",
      "path": "accessPolicies"
    },
    {
      "type": "aws:elastictranscoder/preset:Preset",
      "path": "thumbnails.paddingPolicy"
    },
    {
      "type": "aws:elastictranscoder/preset:Preset",
      "path": "thumbnails.sizingPolicy"
    },
    {
      "type": "aws:elastictranscoder/preset:Preset",
      "path": "video.paddingPolicy"
    },
    {
      "type": "aws:elastictranscoder/preset:Preset",
      "path": "video.sizingPolicy"
    },
    {
      "type": "aws:elastictranscoder/preset:Preset",
      "path": "videoWatermarks[].sizingPolicy"
    },
    {
      "type": "aws:emr/cluster:Cluster",
      "path": "coreInstanceGroup.autoscalingPolicy"
    },
    {
      "type": "aws:emr/instanceGroup:InstanceGroup",
      "path": "autoscalingPolicy"
    },
    {
      "type": "aws:fsx/lustreFileSystem:LustreFileSystem",
      "path": "autoImportPolicy"
    },
    {
      "type": "aws:fsx/ontapVolume:OntapVolume",
      "path": "snapshotPolicy"
    },
    {
      "type": "aws:fsx/s3AccessPointAttachment:S3AccessPointAttachment",
      "path": "s3AccessPoint.policy"
    },
    {
      "type": "aws:gamelift/fleet:Fleet",
      "path": "newGameSessionProtectionPolicy"
    },
    {
      "type": "aws:gamelift/gameServerGroup:GameServerGroup",
      "path": "gameServerProtectionPolicy"
    },
    {
      "type": "aws:glacier/vault:Vault",
      "path": "accessPolicy"
    },
    {
      "type": "aws:glacier/vaultLock:VaultLock",
      "path": "policy"
    },
    {
      "type": "aws:glue/resourcePolicy:ResourcePolicy",
      "path": "policy"
    },
    {
      "type": "aws:iam/groupPolicy:GroupPolicy",
      "path": "policy"
    },
    {
      "type": "aws:iam/policy:Policy",
      "path": "policy"
    },
    {
      "type": "aws:iam/role:Role",
      "path": "assumeRolePolicy"
    },
    {
      "type": "aws:iam/role:Role",
      "path": "inlinePolicies[].policy"
    },
    {
      "type": "aws:iam/rolePolicy:RolePolicy",
      "path": "policy"
    },
    {
      "type": "aws:iam/userPolicy:UserPolicy",
      "path": "policy"
    },
    {
      "type": "aws:iot/domainConfiguration:DomainConfiguration",
      "path": "tlsConfig.securityPolicy"
    },
    {
      "type": "aws:iot/policy:Policy",
      "path": "policy"
    },
    {
      "type": "aws:iot/policyAttachment:PolicyAttachment",
      "path": "policy"
    },
    {
      "type": "aws:kendra/index:Index",
      "path": "userContextPolicy"
    },
    {
      "type": "aws:kinesis/resourcePolicy:ResourcePolicy",
      "path": "policy"
    },
    {
      "type": "aws:kms/externalKey:ExternalKey",
      "path": "policy"
    },
    {
      "type": "aws:kms/key:Key",
      "path": "policy"
    },
    {
      "type": "aws:kms/keyPolicy:KeyPolicy",
      "path": "policy"
    },
    {
      "type": "aws:kms/replicaExternalKey:ReplicaExternalKey",
      "path": "policy"
    },
    {
      "type": "aws:kms/replicaKey:ReplicaKey",
      "path": "policy"
    },
    {
      "type": "aws:lambda/resourcePolicy:ResourcePolicy",
      "path": "policy"
    },
    {
      "type": "aws:lb/listener:Listener",
      "path": "alpnPolicy"
    },
    {
      "type": "aws:lb/listener:Listener",
      "path": "sslPolicy"
    },
    {
      "type": "aws:lb/loadBalancer:LoadBalancer",
      "path": "dnsRecordClientRoutingPolicy"
    },
    {
      "type": "aws:lightsail/distribution:Distribution",
      "path": "origin.protocolPolicy"
    },
    {
      "type": "aws:mailmanager/ingressPoint:IngressPoint",
      "path": "tlsPolicy"
    },
    {
      "type": "aws:mediastore/containerPolicy:ContainerPolicy",
      "path": "policy"
    },
    {
      "type": "aws:msk/clusterPolicy:ClusterPolicy",
      "path": "policy"
    },
    {
      "type": "aws:networkfirewall/firewallPolicy:FirewallPolicy",
      "path": "firewallPolicy.statefulEngineOptions.streamExceptionPolicy"
    },
    {
      "type": "aws:networkfirewall/resourcePolicy:ResourcePolicy",
      "path": "policy"
    },
    {
      "type": "aws:networkmanager/coreNetwork:CoreNetwork",
      "path": "basePolicyDocument"
    },
    {
      "type": "aws:networkmanager/coreNetworkPolicyAttachment:CoreNetworkPolicyAttachment",
      "path": "policyDocument"
    },
    {
      "type": "aws:oam/sinkPolicy:SinkPolicy",
      "path": "policy"
    },
    {
      "type": "aws:odb/network:Network",
      "path": "kmsPolicyDocument"
    },
    {
      "type": "aws:odb/network:Network",
      "path": "s3PolicyDocument"
    },
    {
      "type": "aws:odb/network:Network",
      "path": "stsPolicyDocument"
    },
    {
      "type": "aws:opensearch/domain:Domain",
      "path": "accessPolicies"
    },
    {
      "type": "aws:opensearch/domain:Domain",
      "path": "domainEndpointOptions.tlsSecurityPolicy"
    },
    {
      "type": "aws:opensearch/domainPolicy:DomainPolicy",
      "path": "accessPolicies"
    },
    {
      "type": "aws:opensearch/serverlessAccessPolicy:ServerlessAccessPolicy",
      "path": "policy"
    },
    {
      "type": "aws:opensearch/serverlessLifecyclePolicy:ServerlessLifecyclePolicy",
      "path": "policy"
    },
    {
      "type": "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy",
      "path": "policy"
    },
    {
      "type": "aws:opensearchingest/resourcePolicy:ResourcePolicy",
      "path": "policy"
    },
    {
      "type": "aws:pinpoint/smsvoicev2ResourcePolicy:Smsvoicev2ResourcePolicy",
      "path": "policy"
    },
    {
      "type": "aws:quicksight/dataSet:DataSet",
      "path": "rowLevelPermissionDataSet.permissionPolicy"
    },
    {
      "type": "aws:redshift/resourcePolicy:ResourcePolicy",
      "path": "policy"
    },
    {
      "type": "aws:redshiftserverless/resourcePolicy:ResourcePolicy",
      "path": "policy"
    },
    {
      "type": "aws:rolesanywhere/profile:Profile",
      "path": "sessionPolicy"
    },
    {
      "type": "aws:s3/accessPoint:AccessPoint",
      "path": "policy"
    },
    {
      "type": "aws:s3/bucket:Bucket",
      "path": "policy"
    },
    {
      "type": "aws:s3/bucketPolicy:BucketPolicy",
      "path": "policy"
    },
    {
      "type": "aws:s3/bucketV2:BucketV2",
      "path": "policy"
    },
    {
      "type": "aws:s3/filesFileSystemPolicy:FilesFileSystemPolicy",
      "path": "policy"
    },
    {
      "type": "aws:s3/vectorsVectorBucketPolicy:VectorsVectorBucketPolicy",
      "path": "policy"
    },
    {
      "type": "aws:s3control/accessGrantsInstanceResourcePolicy:AccessGrantsInstanceResourcePolicy",
      "path": "policy"
    },
    {
      "type": "aws:s3control/accessPointPolicy:AccessPointPolicy",
      "path": "policy"
    },
    {
      "type": "aws:s3control/bucketPolicy:BucketPolicy",
      "path": "policy"
    },
    {
      "type": "aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy",
      "path": "details.policy"
    },
    {
      "type": "aws:s3control/objectLambdaAccessPointPolicy:ObjectLambdaAccessPointPolicy",
      "path": "policy"
    },
    {
      "type": "aws:s3tables/tableBucketPolicy:TableBucketPolicy",
      "path": "resourcePolicy"
    },
    {
      "type": "aws:s3tables/tablePolicy:TablePolicy",
      "path": "resourcePolicy"
    },
    {
      "type": "aws:sagemaker/modelPackageGroupPolicy:ModelPackageGroupPolicy",
      "path": "resourcePolicy"
    },
    {
      "type": "aws:schemas/registryPolicy:RegistryPolicy",
      "path": "policy"
    },
    {
      "type": "aws:secretsmanager/secret:Secret",
      "path": "policy"
    },
    {
      "type": "aws:secretsmanager/secretPolicy:SecretPolicy",
      "path": "policy"
    },
    {
      "type": "aws:servicediscovery/service:Service",
      "path": "dnsConfig.routingPolicy"
    },
    {
      "type": "aws:ses/configurationSet:ConfigurationSet",
      "path": "deliveryOptions.tlsPolicy"
    },
    {
      "type": "aws:ses/identityPolicy:IdentityPolicy",
      "path": "policy"
    },
    {
      "type": "aws:ses/receiptFilter:ReceiptFilter",
      "path": "policy"
    },
    {
      "type": "aws:ses/receiptRule:ReceiptRule",
      "path": "tlsPolicy"
    },
    {
      "type": "aws:sesv2/configurationSet:ConfigurationSet",
      "path": "deliveryOptions.tlsPolicy"
    },
    {
      "type": "aws:sesv2/configurationSet:ConfigurationSet",
      "path": "trackingOptions.httpsPolicy"
    },
    {
      "type": "aws:sesv2/emailIdentityPolicy:EmailIdentityPolicy",
      "path": "policy"
    },
    {
      "type": "aws:sns/dataProtectionPolicy:DataProtectionPolicy",
      "path": "policy"
    },
    {
      "type": "aws:sns/topic:Topic",
      "path": "archivePolicy"
    },
    {
      "type": "aws:sns/topic:Topic",
      "path": "deliveryPolicy"
    },
    {
      "type": "aws:sns/topic:Topic",
      "path": "policy"
    },
    {
      "type": "aws:sns/topicPolicy:TopicPolicy",
      "path": "policy"
    },
    {
      "type": "aws:sns/topicSubscription:TopicSubscription",
      "path": "deliveryPolicy"
    },
    {
      "type": "aws:sns/topicSubscription:TopicSubscription",
      "path": "filterPolicy"
    },
    {
      "type": "aws:sns/topicSubscription:TopicSubscription",
      "path": "redrivePolicy"
    },
    {
      "type": "aws:sns/topicSubscription:TopicSubscription",
      "path": "replayPolicy"
    },
    {
      "type": "aws:sqs/queue:Queue",
      "path": "policy"
    },
    {
      "type": "aws:sqs/queue:Queue",
      "path": "redriveAllowPolicy"
    },
    {
      "type": "aws:sqs/queue:Queue",
      "path": "redrivePolicy"
    },
    {
      "type": "aws:sqs/queuePolicy:QueuePolicy",
      "path": "policy"
    },
    {
      "type": "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy",
      "path": "redriveAllowPolicy"
    },
    {
      "type": "aws:sqs/redrivePolicy:RedrivePolicy",
      "path": "redrivePolicy"
    },
    {
      "type": "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy",
      "path": "inlinePolicy"
    },
    {
      "type": "aws:storagegateway/nfsFileShare:NfsFileShare",
      "path": "notificationPolicy"
    },
    {
      "type": "aws:storagegateway/smbFileShare:SmbFileShare",
      "path": "notificationPolicy"
    },
    {
      "type": "aws:transfer/access:Access",
      "path": "policy"
    },
    {
      "type": "aws:transfer/user:User",
      "path": "policy"
    },
    {
      "type": "aws:transfer/webApp:WebApp",
      "path": "webAppEndpointPolicy"
    },
    {
      "type": "aws:verifiedaccess/endpoint:Endpoint",
      "path": "policyDocument"
    },
    {
      "type": "aws:verifiedaccess/group:Group",
      "path": "policyDocument"
    },
    {
      "type": "aws:vpclattice/authPolicy:AuthPolicy",
      "path": "policy"
    },
    {
      "type": "aws:vpclattice/resourcePolicy:ResourcePolicy",
      "path": "policy"
    },
    {
      "type": "aws:workspacesweb/browserSettings:BrowserSettings",
      "path": "browserPolicy"
    },
    {
      "type": "aws:xray/resourcePolicy:ResourcePolicy",
      "path": "policyDocument"
    }
  ],
  "protectionProperties": [
    {
      "type": "aws:alb/loadBalancer:LoadBalancer",
      "path": "enableDeletionProtection",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:amplify/branch:Branch",
      "path": "enableSkewProtection",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:athena/database:Database",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:athena/workgroup:Workgroup",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:autoscaling/group:Group",
      "path": "forceDelete",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:autoscaling/group:Group",
      "path": "forceDeleteWarmPool",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:backup/vault:Vault",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:bedrock/evaluationJob:EvaluationJob",
      "path": "skipDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:bedrock/guardrailVersion:GuardrailVersion",
      "path": "skipDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:bedrockmodel/invocationJob:InvocationJob",
      "path": "skipDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:cloudformation/stackInstances:StackInstances",
      "path": "retainStacks",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:cloudformation/stackSetInstance:StackSetInstance",
      "path": "retainStack",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:cloudfront/distribution:Distribution",
      "path": "retainOnDelete",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:cloudtrail/eventDataStore:EventDataStore",
      "path": "terminationProtectionEnabled",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:cloudwatch/eventRule:EventRule",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:cloudwatch/eventTarget:EventTarget",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:cloudwatch/logGroup:LogGroup",
      "path": "deletionProtectionEnabled",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:cloudwatch/logGroup:LogGroup",
      "path": "skipDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:cognito/userPool:UserPool",
      "path": "deletionProtection",
      "valueType": "string",
      "onByDefault": false
    },
    {
      "type": "aws:dataexchange/revisionAssets:RevisionAssets",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:directconnect/connection:Connection",
      "path": "skipDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:directconnect/linkAggregationGroup:LinkAggregationGroup",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:docdb/cluster:Cluster",
      "path": "deletionProtection",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:docdb/globalCluster:GlobalCluster",
      "path": "deletionProtection",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:dsql/cluster:Cluster",
      "path": "deletionProtectionEnabled",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:dsql/cluster:Cluster",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:dynamodb/table:Table",
      "path": "deletionProtectionEnabled",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:dynamodb/tableReplica:TableReplica",
      "path": "deletionProtectionEnabled",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:ec2/defaultSubnet:DefaultSubnet",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:ec2/defaultVpc:DefaultVpc",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:ec2/instance:Instance",
      "path": "disableApiTermination",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:ec2/instance:Instance",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:ec2/launchTemplate:LaunchTemplate",
      "path": "disableApiTermination",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
      "path": "disableApiTermination",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:ec2/volumeAttachment:VolumeAttachment",
      "path": "skipDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:ecr/repository:Repository",
      "path": "forceDelete",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:ecrpublic/repository:Repository",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:ecs/service:Service",
      "path": "forceDelete",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:ecs/taskDefinition:TaskDefinition",
      "path": "skipDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:ecs/taskSet:TaskSet",
      "path": "forceDelete",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:eks/cluster:Cluster",
      "path": "deletionProtection",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:elasticbeanstalk/applicationVersion:ApplicationVersion",
      "path": "forceDelete",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:emr/cluster:Cluster",
      "path": "terminationProtection",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:iam/user:User",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:imagebuilder/component:Component",
      "path": "skipDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:lambda/function:Function",
      "path": "skipDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:lambda/layerVersion:LayerVersion",
      "path": "skipDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:lambda/layerVersionPermission:LayerVersionPermission",
      "path": "skipDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig",
      "path": "skipDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:lb/loadBalancer:LoadBalancer",
      "path": "enableDeletionProtection",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:lightsail/bucket:Bucket",
      "path": "forceDelete",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:mq/configuration:Configuration",
      "path": "skipDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:neptune/cluster:Cluster",
      "path": "deletionProtection",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:neptune/globalCluster:GlobalCluster",
      "path": "deletionProtection",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:neptunegraph/graph:Graph",
      "path": "deletionProtection",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:networkfirewall/firewall:Firewall",
      "path": "availabilityZoneChangeProtection",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:networkfirewall/firewall:Firewall",
      "path": "deleteProtection",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:networkfirewall/firewall:Firewall",
      "path": "firewallPolicyChangeProtection",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:networkfirewall/firewall:Firewall",
      "path": "subnetChangeProtection",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:organizations/policy:Policy",
      "path": "skipDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:organizations/policyAttachment:PolicyAttachment",
      "path": "skipDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:pinpoint/smsvoicev2PhoneNumber:Smsvoicev2PhoneNumber",
      "path": "deletionProtectionEnabled",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:pinpoint/smsvoicev2Pool:Smsvoicev2Pool",
      "path": "deletionProtectionEnabled",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:pinpoint/smsvoicev2SenderId:Smsvoicev2SenderId",
      "path": "deletionProtectionEnabled",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:qldb/ledger:Ledger",
      "path": "deletionProtection",
      "valueType": "boolean",
      "onByDefault": true
    },
    {
      "type": "aws:quicksight/accountSettings:AccountSettings",
      "path": "terminationProtectionEnabled",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:rds/cluster:Cluster",
      "path": "deletionProtection",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:rds/clusterInstance:ClusterInstance",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:rds/globalCluster:GlobalCluster",
      "path": "deletionProtection",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:rds/globalCluster:GlobalCluster",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:rds/instance:Instance",
      "path": "deletionProtection",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:rds/optionGroup:OptionGroup",
      "path": "skipDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:rds/parameterGroup:ParameterGroup",
      "path": "skipDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:redshift/endpointAuthorization:EndpointAuthorization",
      "path": "forceDelete",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:redshift/snapshotSchedule:SnapshotSchedule",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:route53/resolverFirewallRule:ResolverFirewallRule",
      "path": "dnsThreatProtection",
      "valueType": "string",
      "onByDefault": false
    },
    {
      "type": "aws:route53/resolverFirewallRuleGroupAssociation:ResolverFirewallRuleGroupAssociation",
      "path": "mutationProtection",
      "valueType": "string",
      "onByDefault": false
    },
    {
      "type": "aws:route53/zone:Zone",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:s3/bucket:Bucket",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:s3/bucketObject:BucketObject",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:s3/bucketObjectv2:BucketObjectv2",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "path": "skipDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:s3/bucketV2:BucketV2",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:s3/directoryBucket:DirectoryBucket",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:s3/objectCopy:ObjectCopy",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:s3/vectorsVectorBucket:VectorsVectorBucket",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:s3tables/tableBucket:TableBucket",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:servicecatalog/provisionedProduct:ProvisionedProduct",
      "path": "retainPhysicalResources",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:servicediscovery/service:Service",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:servicequotas/templateAssociation:TemplateAssociation",
      "path": "skipDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:shield/subscription:Subscription",
      "path": "skipDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:transfer/server:Server",
      "path": "forceDestroy",
      "valueType": "boolean",
      "onByDefault": false
    },
    {
      "type": "aws:verifiedpermissions/policyStore:PolicyStore",
      "path": "deletionProtection",
      "valueType": "string",
      "onByDefault": false
    }
  ],
  "autoNamedProperties": [
    {
      "type": "aws:comprehend/documentClassifier:DocumentClassifier",
      "path": "versionName"
    },
    {
      "type": "aws:comprehend/entityRecognizer:EntityRecognizer",
      "path": "versionName"
    },
    {
      "type": "aws:docdb/cluster:Cluster",
      "path": "clusterIdentifier"
    },
    {
      "type": "aws:docdb/clusterInstance:ClusterInstance",
      "path": "identifier"
    },
    {
      "type": "aws:ec2/keyPair:KeyPair",
      "path": "keyName"
    },
    {
      "type": "aws:eks/nodeGroup:NodeGroup",
      "path": "nodeGroupName"
    },
    {
      "type": "aws:lambda/permission:Permission",
      "path": "statementId"
    },
    {
      "type": "aws:neptune/cluster:Cluster",
      "path": "clusterIdentifier"
    },
    {
      "type": "aws:neptune/clusterInstance:ClusterInstance",
      "path": "identifier"
    },
    {
      "type": "aws:neptunegraph/graph:Graph",
      "path": "graphName"
    },
    {
      "type": "aws:rds/cluster:Cluster",
      "path": "clusterIdentifier"
    },
    {
      "type": "aws:rds/clusterInstance:ClusterInstance",
      "path": "identifier"
    },
    {
      "type": "aws:rds/instance:Instance",
      "path": "identifier"
    },
    {
      "type": "aws:redshift/snapshotSchedule:SnapshotSchedule",
      "path": "identifier"
    },
    {
      "type": "aws:s3/bucket:Bucket",
      "path": "bucket"
    },
    {
      "type": "aws:s3/bucketV2:BucketV2",
      "path": "bucket"
    },
    {
      "type": "aws:signer/signingProfilePermission:SigningProfilePermission",
      "path": "statementId"
    }
  ]
};
