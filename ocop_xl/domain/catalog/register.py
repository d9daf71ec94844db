"""Messages of the product register (Sổ theo dõi OCOP): alerts, imports, re-evaluation."""

_AT = "Ô {cell} trang “{sheet}”: "
_AT_EN = "Cell {cell} of sheet '{sheet}': "
_IN = "Ô {cell} trang “{sheet}” tệp {file}: "
_IN_EN = "Cell {cell} of sheet '{sheet}' in {file}: "
_PRODUCT = "sản phẩm “{name}” ({producer}), giấy chứng nhận {certificate}"
_PRODUCT_EN = "product '{name}' ({producer}), certificate {certificate}"

MESSAGES: dict[str, tuple[str, str]] = {
    # -- alerts ---------------------------------------------------------------------------
    "REGISTER_EXPIRING_URGENT": (
        _AT + _PRODUCT + " hết hạn ngày {until}, chỉ còn {days} ngày: cần đánh giá lại ngay.",
        _AT_EN + _PRODUCT_EN + " expires on {until}, {days} days left: re-evaluate now.",
    ),
    "REGISTER_EXPIRING": (
        _AT + _PRODUCT + " hết hạn ngày {until} (còn {days} ngày): chuẩn bị đánh giá lại.",
        _AT_EN + _PRODUCT_EN + " expires on {until} ({days} days left): prepare the re-evaluation.",
    ),
    "REGISTER_EXPIRED": (
        _AT + _PRODUCT + " đã hết hạn ngày {until} mà chưa được đánh giá lại: đánh giá lại "
        "hoặc đề nghị thu hồi.",
        _AT_EN + _PRODUCT_EN + " expired on {until} and was not re-evaluated: re-evaluate it "
        "or propose its withdrawal.",
    ),
    "REGISTER_DUE_IN_PLAN_YEAR": (
        _AT + _PRODUCT + " hết hạn ngày {until}, trong năm kế hoạch {year}: đưa vào kế hoạch "
        "đánh giá lại.",
        _AT_EN + _PRODUCT_EN + " expires on {until}, in the plan year {year}: plan its "
        "re-evaluation.",
    ),
    "REGISTER_PROPOSED_WITHDRAWAL": (
        _AT + _PRODUCT + " không đạt khi đánh giá lại: {result}.",
        _AT_EN + _PRODUCT_EN + " did not pass its re-evaluation ({result}): its withdrawal "
        "is proposed.",
    ),
    "REGISTER_WINDOWS_INVALID": (
        "Số ngày cảnh báo khẩn ({urgent}) phải không lớn hơn số ngày cảnh báo ({window}).",
        "The urgent window ({urgent} days) may not be wider than the alert window ({window} days).",
    ),
    # -- the register's own cells ---------------------------------------------------------
    "REGISTER_VALUE_INVALID": (
        _AT + "giá trị “{value}” không hợp lệ: {expected_vi}. Dòng này được giữ nguyên, "
        "chưa tính hạn.",
        _AT_EN + "the value '{value}' is not valid: {expected_en}. The row is kept as it is; "
        "its validity is not computed.",
    ),
    "REGISTER_DUPLICATE_ID": (
        _AT + "mã sản phẩm {product} đã có ở ô {other}: mỗi sản phẩm chỉ một dòng trong sổ; "
        "hãy gộp hai dòng.",
        _AT_EN + "product ID {product} is also at {other}: one row per product in the "
        "register; merge the two rows.",
    ),
    "REGISTER_ID_FILLED": (
        _AT + "dòng chưa có mã sản phẩm; đã ghi mã {product} (theo xã, tên sản phẩm và chủ thể).",
        _AT_EN + "the row had no product ID; {product} was filled in (from the commune, "
        "product name and producer).",
    ),
    # -- imports --------------------------------------------------------------------------
    "REGISTER_IMPORT_NOT_FOUND": (
        "Không tìm thấy tệp hoặc thư mục {file} để nhập vào sổ theo dõi OCOP.",
        "{file} (to import into the OCOP register) was not found.",
    ),
    "REGISTER_IMPORT_UNREADABLE": (
        "Không đọc được tệp {file} ({reason}); tệp này không được nhập.",
        "Could not read {file} ({reason}); it was not imported.",
    ),
    "REGISTER_IMPORT_SELF": (
        "Tệp {file} là chính tệp tổng hợp đang mở; không nhập tệp này.",
        "{file} is the master itself; it was not imported.",
    ),
    "REGISTER_IMPORT_NOTHING": (
        "Tệp {file}: không có trang tính nào có cột tên (hoặc mã) sản phẩm cùng cột số hoặc "
        "ngày quyết định công nhận, số giấy chứng nhận; không nhập được sản phẩm nào.",
        "{file}: no sheet has a product name (or ID) column together with a decision number "
        "or date or a certificate number column; nothing was imported.",
    ),
    "REGISTER_IMPORT_SHEET_UNUSABLE": (
        "Trang “{sheet}” tệp {file} có cột sản phẩm nhưng không có cột số, ngày quyết định "
        "công nhận hay số giấy chứng nhận (các cột: {headers}); trang này không được nhập.",
        "Sheet '{sheet}' of {file} has a product column but no decision number, decision "
        "date or certificate number column (columns: {headers}); it was not imported.",
    ),
    "REGISTER_IMPORT_UNMAPPED": (
        "Trang “{sheet}” tệp {file}: các cột không đưa vào sổ theo dõi (không khớp cột nào "
        "của sổ): {headers}.",
        "Sheet '{sheet}' of {file}: columns not brought into the register (they fit none of "
        "its columns): {headers}.",
    ),
    "REGISTER_IMPORT_REPEATED": (
        "Trang “{sheet}” tệp {file}: các cột {headers} trùng nghĩa với một cột đứng trước; "
        "chỉ cột đầu tiên được dùng.",
        "Sheet '{sheet}' of {file}: the columns {headers} mean the same as an earlier "
        "column; only the first one is used.",
    ),
    "REGISTER_IMPORT_VALUE": (
        _IN + "giá trị “{value}” không hợp lệ ({expected_vi}); ô này không được nhập.",
        _IN_EN + "the value '{value}' is not valid ({expected_en}); this cell was not imported.",
    ),
    "REGISTER_IMPORT_CONFLICT": (
        _IN + "sản phẩm {product} đã có trong sổ (ô {other}) với giá trị “{kept}” khác “{value}” "
        "của tệp này, cùng quyết định: giữ giá trị của sổ; hãy kiểm tra lại.",
        _IN_EN + "product {product} is in the register ({other}) with '{kept}', not "
        "'{value}' as here, under the same decision: the register's value is kept; check it.",
    ),
    "REGISTER_NEAR_MATCH": (
        _IN + "sản phẩm “{name}” ({producer}) gần giống “{other_name}” ({other_producer}, "
        "mã {other_id}) đã có trong sổ nhưng không trùng hẳn: được ghi thành một dòng riêng, "
        "không gộp. Nếu là cùng một sản phẩm, hãy sửa tên hoặc chủ thể trong tệp nguồn cho "
        "giống dòng đã có rồi xóa dòng thừa trong sổ.",
        _IN_EN + "product '{name}' ({producer}) is close to '{other_name}' ({other_producer}, "
        "ID {other_id}) already in the register but not the same: it was added as its own "
        "row, not merged. If they are one product, correct the name or producer in the source "
        "to match the register's row, then delete the extra row.",
    ),
    # -- re-evaluation --------------------------------------------------------------------
    "REGISTER_REEVAL_UNLINKED": (
        _IN + "sản phẩm {product} “{name}” đăng ký đánh giá lại / nâng hạng (giấy chứng nhận "
        "{certificate}) nhưng không tìm thấy trong sổ theo dõi OCOP (theo số giấy chứng nhận, "
        "mã sản phẩm, tên và chủ thể; gần giống: {near}). Hãy nhập sản phẩm vào sổ "
        "(ocop-xl registry import) hoặc sửa số giấy chứng nhận.",
        _IN_EN + "product {product} '{name}' is registered for re-evaluation / upgrade "
        "(certificate {certificate}) but is not in the OCOP register (by certificate "
        "number, product ID, name and producer; close: {near}). Import it into the register "
        "(ocop-xl registry import) or correct the certificate number.",
    ),
}
