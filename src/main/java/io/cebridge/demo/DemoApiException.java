package io.cebridge.demo;

/** An API failure that the server answers with an HTTP status and a Salesforce error array. */
final class DemoApiException extends RuntimeException {

    private final int status;
    private final String errorCode;

    DemoApiException(int status, String errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    static DemoApiException notFound() {
        return new DemoApiException(404, "NOT_FOUND", "The requested resource does not exist");
    }

    static DemoApiException methodNotAllowed(String method, String allowed) {
        return new DemoApiException(405, "METHOD_NOT_ALLOWED",
                "HTTP Method '" + method + "' not allowed. Allowed are " + allowed);
    }

    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }
}
