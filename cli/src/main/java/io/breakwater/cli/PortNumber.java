package io.breakwater.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code --port N}: a number from 1 to 65535. */
final class PortNumber implements ITypeConverter<Integer> {

    static final int MAX = 65535;

    @Override
    public Integer convert(String value) {
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a port number (1-65535)");
        }
        if (port < 1 || port > MAX) {
            throw new TypeConversionException("port must be between 1 and 65535, found " + value);
        }
        return port;
    }

    /** Parses a port to listen on: 1 to 65535, or 0 for any free port. */
    static final class ToListen implements ITypeConverter<Integer> {

        @Override
        public Integer convert(String value) {
            try {
                return "0".equals(value.strip()) ? 0 : new PortNumber().convert(value).intValue();
            } catch (TypeConversionException e) {
                throw new TypeConversionException("port must be 0 (any free port) or between 1 and 65535, found " + value);
            }
        }
    }
}
