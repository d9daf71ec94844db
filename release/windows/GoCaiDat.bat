@echo off
rem ocop_xl uninstaller: removes %LOCALAPPDATA%\ocop_xl and its PATH entry; the office's
rem workbooks (Documents\OCOP) are kept.
setlocal
chcp 65001 >nul
set "PYTHONUTF8=1"
set "HERE=%~dp0"
set "PY=%HERE%python\python.exe"
if exist "%PY%" goto run
set "PY="
for %%V in (3.13 3.12 3.11) do (
    if not defined PY (
        py -%%V -c "import sys" >nul 2>&1 && set "PY=py -%%V"
    )
)
if defined PY goto run_launcher
echo Không tìm thấy Python để chạy chương trình gỡ cài đặt.
pause
exit /b 1
:run_launcher
%PY% "%HERE%go_cai_dat.py" %*
goto done
:run
"%PY%" "%HERE%go_cai_dat.py" %*
:done
set "CODE=%ERRORLEVEL%"
if not defined OCOP_NO_PAUSE pause
exit /b %CODE%
