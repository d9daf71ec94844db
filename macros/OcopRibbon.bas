Attribute VB_Name = "OcopRibbon"
' The OCOP ribbon tab (customUI/customUI.xml) calls OnRibbonButton for every button. The
' button's tag is the name of the ocop_xl action to run, the same name as the ocop-xl
' command, so a new button needs XML and Python only, never new VBA.
'
' Python is reached through xlwings: the RunPython of the xlwings module inside this
' workbook when it was built standalone (the hidden name OCOP_XLWINGS says "standalone"),
' otherwise the RunPython of the xlwings add-in (installed by: xlwings addin install).
'
' This file is ASCII on purpose: VBA source is stored in the ANSI code page of the
' project, which has no room for Vietnamese letters. Vietnamese messages are written with
' \uXXXX escapes and decoded at run time; they are the words of the ocop_xl catalog.
Option Explicit

#If Mac Then
#ElseIf VBA7 Then
Private Declare PtrSafe Function MessageBoxW Lib "user32" (ByVal hWnd As LongPtr, _
    ByVal lpText As LongPtr, ByVal lpCaption As LongPtr, ByVal uType As Long) As Long
#Else
Private Declare Function MessageBoxW Lib "user32" (ByVal hWnd As Long, _
    ByVal lpText As Long, ByVal lpCaption As Long, ByVal uType As Long) As Long
#End If

Private Const ADDIN_BOOK As String = "xlwings.xlam"
Private Const MODE_NAME As String = "OCOP_XLWINGS"
Private Const TITLE As String = "OCOP"
Private Const MB_ICONWARNING As Long = 48

' XLWINGS_NOT_FOUND (also shown in a function cell by the xlwings_udfs module)
Public Const MSG_XLWINGS_NOT_FOUND As String = "Ch\u01B0a c\u00F3 xlwings \u0111\u1EC3 ch\u1EA1y Python. H\u00E3y m\u1EDF Command Prompt, ch\u1EA1y l\u1EC7nh xlwings addin install, r\u1ED3i \u0111\u00F3ng v\u00E0 m\u1EDF l\u1EA1i Excel."
' RIBBON_TAG_INVALID
Private Const MSG_RIBBON_TAG_INVALID As String = "N\u00FAt n\u00E0y kh\u00F4ng g\u1EAFn v\u1EDBi ch\u1EE9c n\u0103ng n\u00E0o c\u1EE7a ocop_xl:"

' The one callback of every button on the OCOP tab.
Public Sub OnRibbonButton(control As IRibbonControl)
    RunOcopAction control.Tag
End Sub

' Runs one ocop_xl action on this workbook; also usable from a macro button (Alt+F8).
Public Sub RunOcopAction(ByVal actionName As String)
    Dim command As String
    If Not IsActionName(actionName) Then
        ShowMessage DecodeText(MSG_RIBBON_TAG_INVALID) & " " & actionName
        Exit Sub
    End If
    command = "import ocop_xl.excel as x; x.dispatch('" & actionName & "')"
    If IsStandalone() Then
        Application.Run "'" & Replace(ThisWorkbook.Name, "'", "''") & "'!xlwings.RunPython", command
    ElseIf AddinIsOpen() Then
        Application.Run "'" & ADDIN_BOOK & "'!RunPython", command
    Else
        ShowMessage DecodeText(MSG_XLWINGS_NOT_FOUND)
    End If
End Sub

' Stops the Python that stays loaded between clicks and for the worksheet functions
' (xlwings' UDF server, "Use UDF Server" in the xlwings.conf sheet); the next click or
' recalculation starts a fresh one, with ocop_xl as installed now. Alt+F8 > RestartPython.
Public Sub RestartPython()
    If IsStandalone() Then
        Application.Run "'" & Replace(ThisWorkbook.Name, "'", "''") & "'!xlwings.KillPy"
    ElseIf AddinIsOpen() Then
        Application.Run "'" & ADDIN_BOOK & "'!KillPy"
    Else
        ShowMessage DecodeText(MSG_XLWINGS_NOT_FOUND)
    End If
End Sub

' Action names are lower-case words joined by hyphens ("score-sheets").
Private Function IsActionName(ByVal actionName As String) As Boolean
    Dim i As Long, ch As String
    If Len(actionName) = 0 Then Exit Function
    For i = 1 To Len(actionName)
        ch = Mid$(actionName, i, 1)
        If Not (ch Like "[a-z]" Or ch = "-") Then Exit Function
    Next i
    IsActionName = True
End Function

' True when this workbook carries its own copy of the xlwings VBA module.
Private Function IsStandalone() As Boolean
    Dim mark As Name
    On Error Resume Next
    Set mark = ThisWorkbook.Names(MODE_NAME)
    On Error GoTo 0
    If mark Is Nothing Then Exit Function
    IsStandalone = (InStr(1, mark.RefersTo, "standalone", vbTextCompare) > 0)
End Function

' True when the xlwings add-in is open in this Excel.
Private Function AddinIsOpen() As Boolean
    Dim book As Workbook
    On Error Resume Next
    Set book = Application.Workbooks(ADDIN_BOOK)
    On Error GoTo 0
    AddinIsOpen = Not book Is Nothing
End Function

' A message of this module for other modules (the worksheet functions' module shows
' MSG_XLWINGS_NOT_FOUND in the cell when the xlwings add-in is missing).
Public Function OcopText(ByVal text As String) As String
    OcopText = DecodeText(text)
End Function

' Turns \uXXXX escapes into the characters they name.
Private Function DecodeText(ByVal text As String) As String
    Dim i As Long, result As String
    i = 1
    Do While i <= Len(text)
        If Mid$(text, i, 2) = "\u" And i + 5 <= Len(text) Then
            result = result & ChrW$(CLng("&H" & Mid$(text, i + 2, 4)))
            i = i + 6
        Else
            result = result & Mid$(text, i, 1)
            i = i + 1
        End If
    Loop
    DecodeText = result
End Function

' A message box that shows Vietnamese letters (MsgBox is limited to the ANSI code page).
Private Sub ShowMessage(ByVal text As String)
#If Mac Then
    MsgBox text, vbExclamation, TITLE
#Else
    Dim caption As String
    caption = TITLE
    MessageBoxW Application.hWnd, StrPtr(text), StrPtr(caption), MB_ICONWARNING
#End If
End Sub
