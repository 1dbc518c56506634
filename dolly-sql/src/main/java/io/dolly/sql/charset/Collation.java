package io.dolly.sql.charset;

/**
 * A collation as MySQL numbers it in the protocol and SHOW COLLATION.
 *
 * @param id the collation number sent in handshakes and column definitions
 * @param maxBytes the character set's longest character, which scales column lengths
 */
public record Collation(int id, String name, String charset, boolean isDefault, int maxBytes) {}
