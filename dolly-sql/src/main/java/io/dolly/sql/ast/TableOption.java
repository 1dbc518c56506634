package io.dolly.sql.ast;

/**
 * A {@code NAME=value} option of CREATE/ALTER TABLE or DATABASE, name canonical upper-case ({@code
 * ENGINE}, {@code DEFAULT CHARSET}, {@code COLLATE}, {@code ALGORITHM}, ...).
 *
 * @param quoted true when the value was a string literal
 */
public record TableOption(String name, String value, boolean quoted) {}
