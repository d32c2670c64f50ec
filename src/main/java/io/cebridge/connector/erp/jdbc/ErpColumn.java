package io.cebridge.connector.erp.jdbc;

import java.sql.Types;

/** One column of a target table as the database describes it (actual name case, JDBC type, size, nullability). */
public record ErpColumn(String name, int jdbcType, String typeName, int size, int scale, boolean nullable,
                       boolean hasDefault) {

    public boolean isText() {
        return jdbcType == Types.VARCHAR || jdbcType == Types.CHAR || jdbcType == Types.NVARCHAR || jdbcType == Types.NCHAR
                || jdbcType == Types.LONGVARCHAR || jdbcType == Types.LONGNVARCHAR || jdbcType == Types.CLOB;
    }

    public boolean isNumeric() {
        return jdbcType == Types.DECIMAL || jdbcType == Types.NUMERIC || jdbcType == Types.INTEGER || jdbcType == Types.BIGINT
                || jdbcType == Types.SMALLINT || jdbcType == Types.TINYINT || jdbcType == Types.DOUBLE
                || jdbcType == Types.FLOAT || jdbcType == Types.REAL;
    }

    public boolean isChar() {
        return jdbcType == Types.CHAR || jdbcType == Types.NCHAR;
    }
}
