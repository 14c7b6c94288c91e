package io.breakwater.core.read;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * SnakeYAML's character source over a text already in memory, in linear time. SnakeYAML's own reader keeps a
 * window that it copies whole each time it reads 1,024 more characters; its scanner looks ahead to the end of a
 * word or quoted string before consuming any, so one long value copies the window once per kilobyte: quadratic
 * (3 MB took 14 s). Here the whole text is one array of code points and nothing is copied.
 *
 * <p>Same contract as {@link StreamReader}: {@code '\0'} past the end, lines and columns counted alike, a
 * character YAML does not allow is refused (when the scanner reaches it, as there).
 */
final class WholeTextReader extends StreamReader {

    private static final String NAME = "'string'";

    /** A document longer than the limit; thrown through SnakeYAML, which has no say in it. */
    static final class DocumentTooLong extends RuntimeException {
        final int line;

        DocumentTooLong(int line) {
            super(null, null, false, false);
            this.line = line;
        }
    }

    private final int[] text;
    private final int firstNotPrintable;
    private final int maxDocumentChars;
    private int pointer;
    private int documentIndex;
    private int line;
    private int column;

    WholeTextReader(String text, int maxDocumentChars) {
        super("");
        this.maxDocumentChars = maxDocumentChars;
        this.text = text.codePoints().toArray();
        this.firstNotPrintable = firstNotPrintable(this.text);
    }

    private static int firstNotPrintable(int[] text) {
        for (int i = 0; i < text.length; i++) {
            if (!isPrintable(text[i])) {
                return i;
            }
        }
        return text.length;
    }

    /** Whether the code point {@code ahead} of the current one exists; refuses a forbidden one on the way. */
    private boolean has(int ahead) {
        int at = pointer + ahead;
        if (at >= firstNotPrintable && firstNotPrintable < text.length) {
            throw new ReaderException(NAME, firstNotPrintable, text[firstNotPrintable],
                    "special characters are not allowed");
        }
        return at < text.length;
    }

    private void countInDocument(int length) {
        documentIndex += length;
        if (documentIndex > maxDocumentChars) {
            throw new DocumentTooLong(line + 1);
        }
    }

    @Override
    public Mark getMark() {
        return new Mark(NAME, pointer, line, column, text, pointer);
    }

    @Override
    public void forward() {
        forward(1);
    }

    @Override
    public void forward(int length) {
        for (int i = 0; i < length && has(0); i++) {
            int c = text[pointer++];
            countInDocument(1);
            if (Constant.LINEBR.has(c) || (c == '\r' && has(0) && text[pointer] != '\n')) {
                line++;
                column = 0;
            } else if (c != 0xFEFF) {
                column++;
            }
        }
    }

    @Override
    public int peek() {
        return peek(0);
    }

    @Override
    public int peek(int index) {
        return has(index) ? text[pointer + index] : '\0';
    }

    @Override
    public String prefix(int length) {
        if (length == 0) {
            return "";
        }
        int available = has(length - 1) ? length : text.length - pointer;
        return new String(text, pointer, Math.max(0, available));
    }

    @Override
    public String prefixForward(int length) {
        String prefix = prefix(length);
        pointer += length;
        countInDocument(length);
        column += length;
        return prefix;
    }

    @Override
    public int getColumn() {
        return column;
    }

    @Override
    public int getDocumentIndex() {
        return documentIndex;
    }

    @Override
    public void resetDocumentIndex() {
        documentIndex = 0;
    }

    @Override
    public int getIndex() {
        return pointer;
    }

    @Override
    public int getLine() {
        return line;
    }
}
