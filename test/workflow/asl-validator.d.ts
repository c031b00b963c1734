// asl-validator 4.0.0 ships no type declarations (its package has no "types" entry); this covers the call the tests make.
declare module "asl-validator" {
  interface AslValidationError {
    "Error code": string;
    Message: string;
    path?: string;
  }
  interface AslValidationResult {
    isValid: boolean;
    errors: AslValidationError[];
    errorsText(separator?: string): string;
  }
  function aslValidator(definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }): AslValidationResult;
  export = aslValidator;
}
