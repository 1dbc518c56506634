package io.dolly.sql.exec;

import io.dolly.protocol.auth.Account;

/**
 * What the server knows about a connection when it opens a session.
 *
 * @param user the user name as the client sent it (for USER())
 * @param clientHost the client's address as text ({@code 127.0.0.1}, ...)
 * @param account the account it authenticated as (for CURRENT_USER() and privileges)
 * @param tlsVersion the TLS protocol version, null for a plain connection
 * @param tlsCipher the negotiated cipher, null for a plain connection
 * @param database the connect-time database, or null
 * @param collationId the connect-time collation (sets character_set_client/connection/results)
 * @param passwordExpired true when the account's password has expired: only ALTER USER and SET
 *     PASSWORD run
 * @param multiStatements the client set CLIENT_MULTI_STATEMENTS: {@code ;}-separated statements run
 *     one after another; without it, text after the first statement is a syntax error
 */
public record SessionInfo(
    long connectionId,
    String user,
    String clientHost,
    Account account,
    String tlsVersion,
    String tlsCipher,
    String database,
    int collationId,
    boolean passwordExpired,
    boolean multiStatements) {}
