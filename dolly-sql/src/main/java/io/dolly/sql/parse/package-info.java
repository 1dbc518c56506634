/**
 * SQL text to {@link io.dolly.sql.ast} trees: a hand-written {@link io.dolly.sql.parse.Lexer}, a
 * recursive-descent {@link io.dolly.sql.parse.Parser} with Pratt parsing for expressions, and
 * {@link io.dolly.sql.parse.AstPrinter}, the canonical rendering used by the golden tests.
 */
package io.dolly.sql.parse;
