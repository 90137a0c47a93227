package org.opendialer.contacts.lists;

/** An upload was refused as a whole; {@code line} is the CSV line at fault (1 = header), 0 when none. */
public final class ContactImportException extends IllegalArgumentException {

    private final int line;
    private final String column;

    public ContactImportException(int line, String column, String message) {
        super((line > 0 ? "line " + line + ": " : "") + (column != null ? "column '" + column + "': " : "") + message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public String column() {
        return column;
    }
}
