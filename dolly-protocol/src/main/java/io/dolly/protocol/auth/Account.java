package io.dolly.protocol.auth;

/**
 * What the connection phase needs to know about one account ({@code mysql.user} row).
 *
 * @param user the user name part, may be empty (anonymous account)
 * @param host the host pattern ({@code localhost}, {@code %}, {@code 192.168.1.%}, ...)
 * @param plugin {@code caching_sha2_password} or {@code mysql_native_password}
 * @param authenticationString the stored credential in the plugin's own format, empty for no
 *     password
 * @param passwordExpired true when the user must change the password before doing anything else
 * @param locked true for {@code ACCOUNT LOCK}
 * @param requireSsl true when the account was created with {@code REQUIRE SSL}
 */
public record Account(
    String user,
    String host,
    String plugin,
    String authenticationString,
    boolean passwordExpired,
    boolean locked,
    boolean requireSsl) {}
