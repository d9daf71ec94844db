"""Messages for the evaluation council (score sheets, scoring).

Some codes are also the flags of a product's result (Kết quả, the JSON report): the same
words are then used on the Kiểm tra sheet, in Kết quả and in the minutes.
"""

_AT = "Ô {cell} trang “{sheet}” tệp {file}: "
_AT_EN = "Cell {cell} of sheet '{sheet}' in {file}: "

MESSAGES: dict[str, tuple[str, str]] = {
    # -- one score, as typed --------------------------------------------------------------
    "SCORE_PRODUCT_BLANK": (
        _AT + "chưa ghi mã sản phẩm, dòng điểm này không được tính.",
        _AT_EN + "no product ID; this row of scores is not counted.",
    ),
    "SCORE_PRODUCT_UNKNOWN": (
        _AT + "mã sản phẩm “{value}” không có trong danh sách sản phẩm đăng ký.",
        _AT_EN + "product ID '{value}' is not in the list of registered products.",
    ),
    "SCORE_MEMBER_BLANK": (
        _AT + "chưa ghi tên thành viên hội đồng, dòng điểm này không được tính.",
        _AT_EN + "no council member named; this row of scores is not counted.",
    ),
    "SCORE_MEMBER_UNKNOWN": (
        _AT + "“{value}” không có trong danh sách thành viên hội đồng (trang Hội đồng).",
        _AT_EN + "'{value}' is not a member of the council (sheet Hội đồng).",
    ),
    "SCORE_NOT_NUMBER": (
        _AT + "điểm {label} “{value}” không phải là số (ví dụ đúng: 32 hoặc 32,5).",
        _AT_EN + "score {label} '{value}' is not a number (e.g. 32 or 32,5).",
    ),
    "SCORE_OUT_OF_RANGE": (
        _AT + "điểm {label} là {value}, phải từ 0 đến {max}.",
        _AT_EN + "score {label} is {value}; it must be 0 to {max}.",
    ),
    "SCORE_PART_BLANK": (
        _AT + "điểm {label} còn trống trong khi các phần khác đã chấm; "
        "dòng điểm này chưa được tính.",
        _AT_EN + "score {label} is blank while the other parts are scored; "
        "this row is not counted yet.",
    ),
    "SCORE_TOTAL_ABOVE_MAX": (
        _AT + "tổng điểm của {member} cho sản phẩm {product} là {total}, vượt quá {max}.",
        _AT_EN + "the total of {member} for product {product} is {total}, above {max}.",
    ),
    "SCORE_PART_ABOVE_MAX": (
        _AT + "tổng các tiêu chí {label} của {member} cho sản phẩm {product} là {total}, "
        "vượt quá điểm tối đa {max} của phần này.",
        _AT_EN + "the criteria of {label} scored by {member} for product {product} add up "
        "to {total}, above the part's maximum {max}.",
    ),
    "SCORE_REPEATED": (
        _AT + "điểm của {member} cho sản phẩm {product} được ghi hai lần (trùng với {other}); "
        "hai lần ghi giống nhau nên chỉ tính một lần.",
        _AT_EN + "the score of {member} for product {product} is entered twice (also at "
        "{other}); both are equal, so it is counted once.",
    ),
    "SCORE_CONFLICTING": (
        _AT + "điểm của {member} cho sản phẩm {product} được ghi hai lần khác nhau "
        "(lần kia ở {other}); chưa tính điểm nào, hãy xóa dòng sai.",
        _AT_EN + "the score of {member} for product {product} is entered twice with "
        "different values (other at {other}); neither is counted: delete the wrong one.",
    ),
    "SCORE_BY_SECRETARY": (
        _AT + "{member} là Thư ký hội đồng, không chấm điểm; điểm này không được tính.",
        _AT_EN + "{member} is the council's secretary, who does not score; not counted.",
    ),
    "SCORE_BY_ABSENT_MEMBER": (
        _AT + "{member} được ghi là vắng mặt (trang Hội đồng); điểm này không được tính.",
        _AT_EN + "{member} is marked absent (sheet Hội đồng); this score is not counted.",
    ),
    "SCORE_RECUSED_IGNORED": (
        _AT + "{member} không chấm sản phẩm {product} do xung đột lợi ích ({reason}); "
        "điểm này không được tính.",
        _AT_EN + "{member} is recused from product {product} (conflict of interest: "
        "{reason}); this score is not counted.",
    ),
    "SCORE_CRITERION_BLANK": (
        _AT + "chưa ghi mã tiêu chí, dòng điểm này không được tính.",
        _AT_EN + "no criterion code; this row of scores is not counted.",
    ),
    "SCORE_CRITERION_UNKNOWN": (
        _AT + "mã tiêu chí “{value}” không có trong trang Bộ tiêu chí.",
        _AT_EN + "criterion '{value}' is not in the sheet Bộ tiêu chí.",
    ),
    "SCORE_CRITERION_NOT_APPLICABLE": (
        _AT + "tiêu chí {value} không áp dụng cho nhóm sản phẩm {group}; điểm này không được tính.",
        _AT_EN + "criterion {value} does not apply to product group {group}; not counted.",
    ),
    "SCORE_CRITERIA_INCOMPLETE": (
        _AT + "{member} chưa chấm đủ tiêu chí cho sản phẩm {product} (còn thiếu: {missing}); "
        "điểm của thành viên này cho sản phẩm chưa được tính.",
        _AT_EN + "{member} has not scored every criterion of product {product} (missing: "
        "{missing}); this member's score of the product is not counted yet.",
    ),
    "SCORE_PARTS_IGNORED": (
        "Đã có bộ tiêu chí chi tiết (trang Bộ tiêu chí) nên điểm theo phần A, B, C ở "
        "trang “{sheet}” ({count} dòng) không được tính; hãy chấm theo từng tiêu chí.",
        "A detailed criteria catalog is loaded (sheet Bộ tiêu chí), so the {count} rows of "
        "part scores in sheet '{sheet}' are not counted; score each criterion instead.",
    ),
    "SCORE_CRITERIA_IGNORED": (
        "Trang Bộ tiêu chí chưa có tiêu chí nào nên điểm theo tiêu chí ở trang “{sheet}” "
        "({count} dòng) không được tính; điểm được tính theo phần A, B, C.",
        "The sheet Bộ tiêu chí holds no criteria, so the {count} rows of criterion scores "
        "in sheet '{sheet}' are not counted; scores are taken per part A, B, C.",
    ),
    # -- the criteria catalog -------------------------------------------------------------
    "CATALOG_GROUP_UNKNOWN": (
        "Ô {cell} trang “{sheet}”: nhóm sản phẩm “{value}” không có trong bộ tiêu chí "
        "{criteria_set}.",
        "Cell {cell} of sheet '{sheet}': product group '{value}' is not in criteria set "
        "{criteria_set}.",
    ),
    "CATALOG_PART_SUM": (
        "Trang “{sheet}”: các tiêu chí phần {part} áp dụng cho nhóm {group} cộng lại "
        "{total} điểm, khác điểm tối đa {max} của phần này.",
        "Sheet '{sheet}': the criteria of part {part} for group {group} add up to {total} "
        "points, not the part's maximum {max}.",
    ),
    # -- the members' scoring workbooks ---------------------------------------------------
    "SCORE_SHEET_UNREADABLE": (
        "Không đọc được tệp {file}: tệp hỏng, có mật khẩu hoặc không phải tệp Excel ({detail}).",
        "Cannot read {file}: damaged, password-protected or not a spreadsheet ({detail}).",
    ),
    "SCORE_SHEET_NOT_RECOGNISED": (
        "Tệp {file} không phải phiếu chấm điểm do ocop-xl tạo (không có trang thông tin "
        "“{sheet}”); tệp bị bỏ qua.",
        "{file} is not a scoring workbook made by ocop-xl (no information sheet "
        "'{sheet}'); the file is skipped.",
    ),
    "SCORE_SHEET_OTHER_PLAN": (
        "Tệp {file} là phiếu chấm của kế hoạch “{value}”, không phải “{expected}”; tệp bị bỏ qua.",
        "{file} is a scoring workbook of plan '{value}', not '{expected}'; the file is skipped.",
    ),
    "SCORE_SHEET_PARTS_ONLY": (
        "Tệp {file} được tạo để chấm theo phần A, B, C, nay hội đồng chấm theo từng tiêu chí "
        "(trang Bộ tiêu chí); tệp bị bỏ qua. Hãy tạo lại phiếu chấm (ocop-xl score-sheets).",
        "{file} was made for scores per part A, B, C; the council now scores each criterion "
        "(sheet Bộ tiêu chí); the file is skipped. Make the workbooks again (ocop-xl "
        "score-sheets).",
    ),
    "SCORE_SHEET_CRITERIA_ONLY": (
        "Tệp {file} được tạo để chấm theo từng tiêu chí, nay trang Bộ tiêu chí không còn "
        "tiêu chí nào; tệp bị bỏ qua. Hãy tạo lại phiếu chấm (ocop-xl score-sheets).",
        "{file} was made for scores per criterion, but the sheet Bộ tiêu chí now holds no "
        "criteria; the file is skipped. Make the workbooks again (ocop-xl score-sheets).",
    ),
    "SCORE_SHEET_MEMBER_UNKNOWN": (
        "Tệp {file} là phiếu chấm của “{member}”, người này không có trong trang Hội đồng; "
        "tệp bị bỏ qua.",
        "{file} is the scoring workbook of '{member}', who is not on the sheet Hội đồng; "
        "the file is skipped.",
    ),
    "SCORE_SHEET_SAME_MEMBER": (
        "Tệp {file} và tệp {other} đều là phiếu chấm của {member}; chỉ dùng tệp {other}.",
        "{file} and {other} are both scoring workbooks of {member}; only {other} is used.",
    ),
    "SCORE_SHEET_EMPTY": (
        "Tệp {file} ({member}) chưa có điểm nào.",
        "{file} ({member}) holds no scores yet.",
    ),
    "SCORE_SHEET_EXISTS": (
        "Tệp {file} đã có trong thư mục nên không ghi đè (có thể đã có điểm); "
        "hãy chọn thư mục khác hoặc xóa tệp cũ.",
        "{file} already exists in the folder and is not overwritten (it may hold scores); "
        "choose another folder or delete the old file.",
    ),
    "SCORE_SHEETS_NO_PRODUCTS": (
        "Trang Đăng ký chưa có sản phẩm nào nên không tạo phiếu chấm điểm.",
        "The sheet Đăng ký holds no products, so no scoring workbook is made.",
    ),
    "COUNCIL_NO_SCORING_MEMBERS": (
        "Trang Hội đồng chưa có thành viên chấm điểm (Chủ tịch, Phó Chủ tịch, Ủy viên).",
        "The sheet Hội đồng lists no scoring member (chair, vice-chair, member).",
    ),
    # -- flags of a product's result (and of the meeting) ---------------------------------
    "QUORUM_NOT_REACHED": (
        "Hội đồng chỉ có {present}/{total} thành viên chấm điểm có mặt, chưa đạt tỷ lệ "
        "tối thiểu {quorum}; kết quả chưa có giá trị.",
        "Only {present} of {total} scoring members are present, below the quorum "
        "{quorum}; the result is not valid.",
    ),
    "CHAIR_ABSENT": (
        "Không có người chủ trì cuộc họp ({presiders}) có mặt; kết quả chưa có giá trị.",
        "No one who may preside ({presiders}) is present; the result is not valid.",
    ),
    "SPREAD_ABOVE_LIMIT": (
        "Điểm các thành viên chênh nhau {spread} điểm (cao nhất {high}, thấp nhất {low}), "
        "vượt mức {limit}: hội đồng thảo luận và chấm lại.",
        "Members' totals differ by {spread} points (highest {high}, lowest {low}), above "
        "{limit}: the council discusses and re-scores.",
    ),
    "SCORES_MISSING": (
        "Còn thiếu điểm của thành viên có mặt: {members}.",
        "Scores missing from members present: {members}.",
    ),
    "REQUIREMENT_NOT_MET": (
        "Chưa đạt yêu cầu bắt buộc {requirements}; hạng sao tối đa là {star} sao.",
        "Mandatory requirements not met: {requirements}; at most {star} stars.",
    ),
    "REQUIREMENTS_NOT_RECORDED": (
        "Hội đồng chưa ghi sản phẩm có đạt các yêu cầu bắt buộc {requirements} hay không "
        "(trang Đánh giá yêu cầu); kết quả chưa có giá trị.",
        "The council has not recorded whether the product meets the mandatory requirements "
        "{requirements} (sheet Đánh giá yêu cầu); the result is not final.",
    ),
    "PRECHECK_PRODUCT_UNKNOWN": (
        _AT + "mã sản phẩm “{value}” không có trong danh sách sản phẩm đăng ký.",
        _AT_EN + "product ID '{value}' is not in the list of registered products.",
    ),
    "PRECHECK_REPEATED": (
        _AT
        + "sản phẩm {value} có hai dòng kiểm tra của xã; chưa tính dòng nào, hãy xóa dòng thừa.",
        _AT_EN + "product {value} has two commune pre-check rows; neither counts, delete one.",
    ),
    "PRECHECK_BLANK": (
        _AT + "xã chưa ghi kết quả đánh giá nội dung “{content}” (Đạt hoặc Không đạt).",
        _AT_EN + "the commune has not assessed '{content}' (Đạt or Không đạt).",
    ),
    "PRECHECK_INVALID": (
        _AT + "“{value}” ở nội dung “{content}”: ghi Đạt hoặc Không đạt.",
        _AT_EN + "'{value}' for '{content}': write Đạt or Không đạt.",
    ),
    "PRECHECK_MISSING": (
        "UBND xã chưa có đủ kết quả đánh giá bốn nội dung của hồ sơ (trang Kiểm tra của xã); "
        "sản phẩm chưa đủ điều kiện chấm điểm.",
        "The commune has not assessed the four dossier contents (sheet Kiểm tra của xã); "
        "the product cannot be scored yet.",
    ),
    "PRECHECK_FAILED": (
        "UBND xã đánh giá chưa đạt: {contents}; sản phẩm không đủ điều kiện đánh giá ở cấp tỉnh.",
        "The commune assessed as not met: {contents}; the product is not eligible at the province.",
    ),
    "REQUIREMENT_PRODUCT_UNKNOWN": (
        _AT + "mã sản phẩm “{value}” không có trong danh sách sản phẩm đăng ký.",
        _AT_EN + "product ID '{value}' is not in the list of registered products.",
    ),
    "REQUIREMENT_UNKNOWN": (
        _AT + "yêu cầu “{value}” không có trong trang Yêu cầu bắt buộc.",
        _AT_EN + "requirement '{value}' is not on the sheet Yêu cầu bắt buộc.",
    ),
    "REQUIREMENT_MET_INVALID": (
        _AT + "“{value}”: ghi Có (đạt) hoặc Không (không đạt).",
        _AT_EN + "'{value}': write Có (met) or Không (not met).",
    ),
    "REQUIREMENT_CONFLICTING": (
        _AT + "sản phẩm {product}, yêu cầu {requirement} được ghi hai lần khác nhau (lần kia ở "
        "ô {other_cell}); chưa tính lần nào, hãy xóa dòng sai.",
        _AT_EN + "product {product}, requirement {requirement} is recorded twice differently "
        "(also at cell {other_cell}); neither counts, delete the wrong row.",
    ),
    "NO_SCORES": (
        "Chưa có thành viên nào được tính điểm cho sản phẩm này.",
        "No member's score is counted for this product yet.",
    ),
    "MEAN_ROUNDED_ACROSS_BAND": (
        "Điểm trung bình hiển thị {shown} đã làm tròn; điểm chính xác là {exact} nên xếp "
        "{star} sao.",
        "The mean shown as {shown} is rounded; the exact mean is {exact}, so {star} stars.",
    ),
    "UPGRADE_STARS_MISSING": (
        "Sản phẩm đăng ký nâng hạng sao nhưng chưa ghi số sao hiện có (trang Đăng ký).",
        "The product asks for a star upgrade but its current stars are blank (sheet Đăng ký).",
    ),
}
