package org.opendialer.contacts.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendialer.contacts.consent.Addresses;

/** What spreadsheets really export: a BOM, CR, LF or CRLF line ends, and the mistakes people make by hand. */
class CsvContactParserTest {

    private final CsvContactParser parser = new CsvContactParser(new Addresses("US"));
    private final CsvContactParser.Spec spec = new CsvContactParser.Spec(List.of("phone"), List.of(), null);

    @Test
    void excelsCsvUtf8ByteOrderMarkIsNotPartOfTheFirstColumnName() {
        CsvContactParser.Parsed parsed = parser.parse("\uFEFFphone,name\r\n5553010001,Ann\r\n",
                new CsvContactParser.Spec(List.of("phone"), List.of(), null));
        assertThat(parsed.columns()).containsExactly("phone", "name");
        assertThat(parsed.contacts().get(0).get("phone")).isEqualTo("+15553010001");
    }

    @ParameterizedTest(name = "line ends {0}")
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void lineNumbersCountEveryKindOfLineEnd(String eol) {
        String csv = String.join(eol, "name,phone,note", "Ann,5553010001,\"two" + eol + "lines\"",
                "Bob,5553010002,", "Cy,5553010003,") + eol;
        assertThat(parser.parse(csv, spec).contacts()).extracting(Contact::lineNo).containsExactly(2, 4, 5);

        String bad = String.join(eol, "name,phone,note", "Ann,5553010001,", "", "Bob,not-a-number,") + eol;
        assertThatThrownBy(() -> parser.parse(bad, spec))
                .hasMessage("line 4: column 'phone': 'not-a-number' is not a valid phone number");
    }

    @ParameterizedTest(name = "line ends {0}")
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void anUnterminatedQuoteNamesItsLineInPlainWords(String eol) {
        String csv = String.join(eol, "name,phone,note", "Ann,5553010001,ok", "Bob,5553010002,\"never closed",
                "Cy,5553010003,") + eol;
        assertThatThrownBy(() -> parser.parse(csv, spec))
                .isInstanceOf(ContactImportException.class)
                .hasMessage("line 3: a quoted cell is never closed: add the missing \" or double each \" inside it")
                .satisfies(e -> assertThat(((ContactImportException) e).line()).isEqualTo(3))
                .message().doesNotContain("Exception").doesNotContain("java.");
    }

    @Test
    void textAfterAClosingQuoteNamesItsLineInPlainWords() {
        assertThatThrownBy(() -> parser.parse("name,phone\n\"Ann\"x,5553010001\n", spec))
                .hasMessage("line 2: a quoted cell has text after its closing quote: put the whole cell in quotes "
                        + "and double each \" inside it")
                .message().doesNotContain("Exception");
    }

    @Test
    void aColumnWithoutANameIsOurMessageNotTheLibrarys() {
        assertThatThrownBy(() -> parser.parse("name,,phone\nAnn,x,5553010001\n", spec))
                .hasMessage("line 1: a column has no name");
    }
}
