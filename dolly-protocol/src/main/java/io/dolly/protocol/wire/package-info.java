/**
 * MySQL packet framing: protocol primitives ({@link io.dolly.protocol.wire.PayloadReader}, {@link
 * io.dolly.protocol.wire.PayloadWriter}) and the socket-level {@link
 * io.dolly.protocol.wire.PacketChannel} (sequence ids, 16 MiB splitting, TLS upgrade).
 */
package io.dolly.protocol.wire;
