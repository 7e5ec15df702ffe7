// The process environment as plain strings (AssessContext.env): unset entries dropped.
export function processEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
