/** TLS material: MySQL-style auto-generated certificates and keys, and SSLContexts from PEM. */
package io.dolly.protocol.tls;
