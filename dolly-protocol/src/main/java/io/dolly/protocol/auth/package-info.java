/**
 * Accounts as the connection phase sees them, and the password plugins (mysql_native_password,
 * caching_sha2_password with its cache and RSA key pair) with MySQL's exact stored formats.
 */
package io.dolly.protocol.auth;
