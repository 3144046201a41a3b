; Inno Setup script for coopdesk on Windows (Inno Setup 6).
;
; Packs the PyInstaller folder dist\coopdesk (built by packaging\coopdesk.spec) into one
; installer the coordinator runs from the USB stick. Per-user install, no administrator
; rights: the program goes to %LOCALAPPDATA%\Programs\coopdesk, the Start-menu entry to the
; user's own menu. The book is NOT under the program folder: coopdesk keeps it in
; %LOCALAPPDATA%\coopdesk (platformdirs), which neither an update nor the uninstaller touches.
;
; Build (from the repository root, after the bundle):
;   ISCC.exe /DAppVersion=0.1.0 packaging\coopdesk.iss
; Output: dist\coopdesk-0.1.0-instalador.exe

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "coopdesk"
#define AppExe "coopdesk.exe"

[Setup]
; The AppId ties updates and the uninstaller to this program: never change it.
AppId={{5FE42B66-9339-41A7-863D-0F403E020670}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Cooperativa Dulce Esperanza
AppComments=El libro de la cooperativa, sin internet.
PrivilegesRequired=lowest
; {autopf} is %LOCALAPPDATA%\Programs for a per-user install.
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..
OutputDir=dist
OutputBaseFilename={#AppName}-{#AppVersion}-instalador
SetupIconFile=resources\icons\coopdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An update closes a running coopdesk first, so no file is in use.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller folder, except the window smoke program used only by the build.
Source: "dist\coopdesk\*"; DestDir: "{app}"; Excludes: "coopdesk-smoke-gui.exe"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "El libro de la cooperativa Dulce Esperanza"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Python caches Alembic writes beside the migrations; the book folder is never listed here.
Type: filesandordirs; Name: "{app}\_internal\coopdesk\db\migrations\__pycache__"
Type: filesandordirs; Name: "{app}\_internal\coopdesk\db\migrations\versions\__pycache__"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox('Se quitó el programa coopdesk. El libro de la cooperativa NO se borró: ' +
      'sigue en ' + ExpandConstant('{localappdata}\coopdesk') + '. ' +
      'Si vuelve a instalar coopdesk, lo encontrará allí.', mbInformation, MB_OK);
end;
