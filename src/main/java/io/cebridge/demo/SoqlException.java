package io.cebridge.demo;

/** A SOQL error carrying the Salesforce error code and a message with the Salesforce caret layout. */
final class SoqlException extends RuntimeException {

    private final String errorCode;

    SoqlException(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    /**
     * Builds an error pointing at a character of the query, laid out like Salesforce does:
     * the offending line, a caret under the column, "ERROR at Row:r:Column:c", then the text.
     */
    static SoqlException at(String soql, int offset, String errorCode, String text) {
        int lineStart = offset == 0 ? 0 : soql.lastIndexOf('\n', offset - 1) + 1;
        int lineEnd = soql.indexOf('\n', offset);
        String line = soql.substring(lineStart, lineEnd < 0 ? soql.length() : lineEnd);
        int row = 1;
        for (int i = 0; i < lineStart; i++) {
            if (soql.charAt(i) == '\n') {
                row++;
            }
        }
        int column = offset - lineStart + 1;
        String message = "\n" + line + "\n" + " ".repeat(column - 1) + "^\nERROR at Row:" + row
                + ":Column:" + column + "\n" + text;
        return new SoqlException(errorCode, message);
    }

    String errorCode() {
        return errorCode;
    }
}
