/**
 * Mutes the AWS SDK's start-up notice that SDK releases published after January 2027 will
 * need Node.js 22. The local runtime runs the SDK version pinned in package-lock.json, which
 * supports Node 20, and the deployed functions run nodejs22.x or later; the notice would print
 * on every `npm start` without telling a developer anything to do. Muted here only (the SDK
 * honours AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED); a value the user set wins.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export {};
