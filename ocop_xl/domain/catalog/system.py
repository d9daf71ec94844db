"""Messages for the installation and the Excel workbook (check-install, build-workbook,
the ribbon's dispatch)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # Shown by the VBA of the workbook itself (macros/OcopRibbon.bas holds the same words,
    # escaped: tests/integration/test_vba_macros.py keeps the two in step).
    "XLWINGS_NOT_FOUND": (
        "Chưa có xlwings để chạy Python. Hãy mở Command Prompt, chạy lệnh "
        "xlwings addin install, rồi đóng và mở lại Excel.",
        "xlwings is not available to run Python. Open a Command Prompt, run "
        "xlwings addin install, then close and reopen Excel.",
    ),
    "RIBBON_TAG_INVALID": (
        "Nút này không gắn với chức năng nào của ocop_xl:",
        "This button is not linked to any ocop_xl action:",
    ),
    # dispatch: the ribbon buttons on the Python side
    "ACTION_UNKNOWN": (
        "Chức năng “{action}” chưa có trong phiên bản ocop_xl {version} đã cài trên máy này. "
        "Hãy cập nhật ocop_xl (pip install --upgrade ocop-xl).",
        "The action '{action}' is not in ocop_xl {version} installed on this computer. "
        "Update ocop_xl (pip install --upgrade ocop-xl).",
    ),
    "WORKBOOK_NOT_SAVED": (
        "Hãy lưu tệp {file} vào một thư mục trên máy trước khi chạy chức năng này "
        "(các tệp kết quả được ghi vào thư mục cạnh tệp tổng hợp).",
        "Save {file} to a folder on this computer before running this action "
        "(results are written to folders next to the master).",
    ),
    "FILE_IN_USE": (
        "Không ghi hoặc đọc được tệp {file}: tệp đang được mở ở chương trình khác hoặc "
        "không có quyền. Hãy đóng tệp đó rồi chạy lại.",
        "Cannot write or read {file}: it is open in another program or access is denied. "
        "Close it and run again.",
    ),
    "UNEXPECTED_ERROR": (
        "Lỗi không mong đợi khi thực hiện “{label}” ({detail}). Chi tiết đã ghi vào tệp "
        "{log}. Hãy gửi tệp này cho người hỗ trợ.",
        "Unexpected error while running '{label}' ({detail}). The details are in {log}. "
        "Send that file to your support contact.",
    ),
    # the open workbook's documents (report from the ribbon)
    "WORKBOOK_COPY_FAILED": (
        "Không lưu được bản sao của tệp {file} để xuất văn bản ({detail}). "
        "Tệp đang mở không bị thay đổi.",
        "Could not save a copy of {file} to export its documents ({detail}). "
        "The open workbook is unchanged.",
    ),
    "EXCEL_PDF_FAILED": (
        "Excel không in được tệp {file} ra PDF ({detail}). Hãy kiểm tra máy đã cài máy in "
        "(có thể là “Microsoft Print to PDF”) rồi chạy lại.",
        "Excel could not print {file} to PDF ({detail}). Check that a printer is installed "
        '("Microsoft Print to PDF" will do) and run again.',
    ),
    "INSTALL_XLWINGS_VERSION": (
        "Phiên bản xlwings đã cài là {found}, ocop_xl cần {expected}. "
        "Hãy chạy: pip install xlwings=={expected}",
        "xlwings {found} is installed, ocop_xl needs {expected}. "
        "Run: pip install xlwings=={expected}",
    ),
    "INSTALL_NO_MACROS": (
        "Tệp {file} không có macro và thẻ OCOP. Hãy tạo lại bằng lệnh: "
        'ocop-xl upgrade-macros --workbook "{file}"',
        "{file} has no macros and no OCOP tab. Add them with: "
        'ocop-xl upgrade-macros --workbook "{file}"',
    ),
    "INSTALL_MACROS_OUTDATED": (
        "Macro “{module}” trong tệp {file} khác với bản của ocop_xl {version}. Hãy cập nhật "
        'bằng lệnh: ocop-xl upgrade-macros --workbook "{file}"',
        "Macro module '{module}' in {file} differs from ocop_xl {version}. Update it with: "
        'ocop-xl upgrade-macros --workbook "{file}"',
    ),
    "INSTALL_RIBBON_MISSING": (
        "Tệp {file} không có thẻ OCOP trên thanh công cụ (ribbon). Hãy cập nhật bằng lệnh: "
        'ocop-xl upgrade-macros --workbook "{file}"',
        '{file} has no OCOP ribbon tab. Add it with: ocop-xl upgrade-macros --workbook "{file}"',
    ),
    "INSTALL_VBA_VERSION": (
        "Mã VBA của xlwings trong tệp {file} là phiên bản {found}, khác với xlwings "
        "{expected} đã cài. Hãy cập nhật bằng lệnh: "
        'ocop-xl upgrade-macros --standalone --workbook "{file}"',
        "The xlwings VBA code in {file} is version {found}, not the installed xlwings "
        '{expected}. Update it with: ocop-xl upgrade-macros --standalone --workbook "{file}"',
    ),
    "INSTALL_ADDIN_VERSION": (
        "Add-in xlwings ({path}) là phiên bản {found}, khác với xlwings {expected} đã cài. "
        "Hãy chạy lệnh: xlwings addin install",
        "The xlwings add-in ({path}) is version {found}, not the installed xlwings "
        "{expected}. Run: xlwings addin install",
    ),
    "INSTALL_ADDIN_MISSING": (
        "Chưa cài add-in xlwings cho Excel (không thấy {path}). Hãy chạy lệnh: "
        "xlwings addin install",
        "The xlwings Excel add-in is not installed ({path} not found). Run: xlwings addin install",
    ),
    "INSTALL_UDF_IMPORT": (
        "Không nạp được mô-đun hàm tự định nghĩa “{module}” ({detail}). "
        "Hãy cài lại: pip install --upgrade ocop-xl",
        "The UDF module '{module}' cannot be imported ({detail}). "
        "Reinstall: pip install --upgrade ocop-xl",
    ),
    "INSTALL_CONF_MISSING": (
        "Tệp {file} không có trang xlwings.conf (nơi khai báo các hàm tự định nghĩa). "
        'Hãy cập nhật bằng lệnh: ocop-xl upgrade-macros --workbook "{file}"',
        "{file} has no xlwings.conf sheet (where the UDF modules are declared). "
        'Add it with: ocop-xl upgrade-macros --workbook "{file}"',
    ),
    # build-workbook
    "XLWINGS_VBA_MISSING": (
        "Gói xlwings đã cài không có tệp mã VBA {file}; không tạo được tệp chạy độc lập.",
        "The installed xlwings package lacks its VBA file {file}; cannot build a "
        "standalone workbook.",
    ),
    "MACROS_NOT_FOUND": (
        "Không tìm thấy thư mục macro của ocop_xl (macros/ với customUI.xml). Hãy cài lại ocop_xl.",
        "The ocop_xl macros folder (macros/ with customUI.xml) was not found. Reinstall ocop_xl.",
    ),
    "VBA_FORMS_PRESENT": (
        "Tệp có hộp thoại (UserForm) trong phần macro; ocop_xl không cập nhật macro của tệp "
        "này để khỏi làm mất chúng. Hãy nhờ người hỗ trợ cập nhật bằng tay.",
        "The workbook's VBA holds UserForms; ocop_xl does not update its macros so as not to "
        "lose them. Ask your support contact to update it by hand.",
    ),
    "VBA_PROTECTED": (
        "Phần macro của tệp được khóa bằng mật khẩu; ocop_xl không cập nhật macro của tệp "
        "này để khỏi gỡ mất khóa. Hãy mở khóa (Tools › VBAProject Properties › Protection) "
        "rồi chạy lại, hoặc nhờ người hỗ trợ cập nhật bằng tay.",
        "The workbook's VBA project is locked with a password; ocop_xl does not update its "
        "macros so as not to remove the lock. Unlock it (Tools › VBAProject Properties › "
        "Protection) and run again, or ask your support contact to update it by hand.",
    ),
    "WORKBOOK_NOT_XLSM": (
        "Tệp {file} phải có đuôi .xlsm để chứa macro và thẻ OCOP.",
        "{file} must end in .xlsm to hold macros and the OCOP tab.",
    ),
}
