/**
 * The syntax tree: records under the sealed interfaces {@link io.dolly.sql.ast.Statement} (with
 * {@link io.dolly.sql.ast.Query}, {@link io.dolly.sql.ast.Ddl}, {@link io.dolly.sql.ast.Admin}) and
 * {@link io.dolly.sql.ast.Expression}. Names are kept as written; keywords are upper case.
 */
package io.dolly.sql.ast;
