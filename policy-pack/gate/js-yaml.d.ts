// js-yaml (a devDependency of the root project, which runs the gate) ships without typings;
// we only need `load` to read Pulumi.<stack>.yaml.
declare module "js-yaml" {
  export function load(text: string): unknown;
}
