/** The server side of the connection phase: greeting, TLS, authentication, COM_CHANGE_USER. */
package io.dolly.protocol.server;
