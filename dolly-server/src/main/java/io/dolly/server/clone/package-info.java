/** The CLONE statements as the server runs them, over the clone module and the open engine. */
package io.dolly.server.clone;
