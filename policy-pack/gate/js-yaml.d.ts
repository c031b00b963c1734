// js-yaml ships with @pulumi/pulumi (a dependency of this pack) but without typings; we only
// need `load` to read Pulumi.<stack>.yaml.
declare module "js-yaml" {
  export function load(text: string): unknown;
}
