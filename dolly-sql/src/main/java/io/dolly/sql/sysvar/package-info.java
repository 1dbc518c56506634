/**
 * System variables (definitions, global and session values, SET PERSIST in {@code mysqld-auto.cnf})
 * and status variables.
 */
package io.dolly.sql.sysvar;
