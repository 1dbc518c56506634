/** A MySQL client connection, used by CLONE INSTANCE to reach a donor and by tests. */
package io.dolly.protocol.client;
