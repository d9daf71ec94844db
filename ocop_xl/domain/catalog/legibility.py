"""Messages of the sheets and documents made readable (issue 14): amounts the staff typed
as text, read as the numbers they say."""

MESSAGES: dict[str, tuple[str, str]] = {
    "MONEY_TEXT_READ": (
        "Ô {cell} trang “{sheet}”: số tiền “{value}” được gõ dạng chữ; đã ghi lại thành số "
        "{amount} đồng để cộng được.",
        "Cell {cell} of sheet '{sheet}': the amount '{value}' was typed as text; it is now "
        "stored as the number {amount} đồng so that it adds up.",
    ),
}
