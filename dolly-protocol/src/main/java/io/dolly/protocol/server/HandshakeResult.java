package io.dolly.protocol.server;

import io.dolly.protocol.auth.Account;
import java.util.Map;

/**
 * An authenticated connection: who it is, what was negotiated.
 *
 * @param account the matched account row
 * @param user the user name the client sent
 * @param clientHost the client host as MySQL shows it ({@code localhost} for loopback)
 * @param database the database requested with CLIENT_CONNECT_WITH_DB, or null
 * @param clientCapabilities the capabilities in effect (client's flags and the server's)
 * @param passwordExpired true when the session may only change its password (the client declared
 *     CLIENT_CAN_HANDLE_EXPIRED_PASSWORDS)
 */
public record HandshakeResult(
    Account account,
    String user,
    String clientHost,
    String database,
    int clientCapabilities,
    int collationId,
    Map<String, String> connectAttributes,
    boolean tls,
    String tlsVersion,
    String tlsCipher,
    boolean passwordExpired) {}
