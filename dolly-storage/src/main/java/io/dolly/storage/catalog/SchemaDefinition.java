package io.dolly.storage.catalog;

/** One schema (database). charset/collation are names such as "utf8mb4", "utf8mb4_0900_ai_ci". */
public record SchemaDefinition(
    String name, String charset, String collation, boolean defaultEncryption, boolean readOnly) {}
