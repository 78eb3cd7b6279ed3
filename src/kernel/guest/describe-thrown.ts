/**
 * Describes anything student code throws — an Error, a string, an object
 * whose toString throws — as JSON `{ message, stack }`, never throwing itself.
 */
export function describeThrown(thrown: unknown): string {
  let message = 'a value that cannot be described';
  let stack = '';
  try {
    if (thrown instanceof Error) {
      message = `${safeString(thrown.name)}: ${safeString(thrown.message)}`;
      stack = safeString(thrown.stack);
    } else if (typeof thrown === 'string') {
      message = `the string ${JSON.stringify(thrown.slice(0, 200))}`;
    } else if (thrown === null || thrown === undefined || typeof thrown !== 'object') {
      message = `the value ${safeString(thrown)}`;
    } else {
      message = `a non-Error object ${safeString(thrown)}`;
    }
  } catch {
    // keep the fallback message
  }
  return JSON.stringify({ message: message.slice(0, 500), stack: stack.slice(0, 4000) });
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    try {
      return Object.prototype.toString.call(value);
    } catch {
      return '?';
    }
  }
}
