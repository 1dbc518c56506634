/**
 * The clone sub-protocol: one record per request and response, each with {@code encode()} and a
 * strict {@code static decode(byte[])} that fails only with {@code ER_CLONE_PROTOCOL} (3863). See
 * {@link io.dolly.clone.wire.CloneProtocol} for the common header.
 */
package io.dolly.clone.wire;
