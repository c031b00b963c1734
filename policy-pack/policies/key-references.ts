/** How a KMS key is referred to in resource inputs. */

/** `arn:aws:kms:<region>:<account>:alias/aws/<service>` or a bare `alias/aws/<service>`: keys AWS manages, not us. */
export function isAwsManagedKeyReference(keyRef: string): boolean {
  return /(^|:)alias\/aws\//.test(keyRef);
}
