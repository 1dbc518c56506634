package io.dolly.sql.account;

/**
 * Turns a cleartext password into the credential an authentication plugin stores. Injected because
 * the plugins live in the protocol module; an empty password stores as an empty string.
 */
@FunctionalInterface
public interface PasswordHasher {
  String hash(String plugin, String cleartext);
}
