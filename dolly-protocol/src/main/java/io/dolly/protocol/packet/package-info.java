/**
 * One immutable record per protocol packet, each with {@code encode}/{@code decode}, and the
 * protocol's constant tables (capabilities, status flags, commands, collations).
 */
package io.dolly.protocol.packet;
