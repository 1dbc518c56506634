/** Writing command responses: text-protocol result sets, OK and ERR packets. */
package io.dolly.protocol.result;
